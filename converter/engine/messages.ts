// Every user-visible message of the engine in one place. The Swift CLI's texts are copied
// exactly (spec §1.5); the zip-input texts are ours (docs/compatibility.md).
import type { ConversionCounts } from '../../common/contract/conversion-job.ts';

export const messages = {
  inputMissing: (p: string): string => `Input path does not exist at ${p}`,
  inputNotBundle: (p: string): string => `Input is not a valid DocC bundle or archive: ${p}`,
  inputArchiveFile: (p: string): string => `Input is a DocC archive file; extract it before converting: ${p}`,
  inputNotDirectory: (p: string): string => `Input path must be a directory containing a DocC bundle: ${p}`,
  zipCorrupt: (p: string): string => `Input zip is corrupt or not a zip file: ${p}`,
  zipUnsafe: (p: string, detail: string): string => `Input zip contains an unsafe entry (${detail}): ${p}`,
  zipTooLarge: (p: string): string => `Input zip exceeds the size or entry limits: ${p}`,
  outputOverlaps: (out: string): string =>
    `Output directory overlaps the input bundle at ${out}. Choose a different output path to avoid deleting the source when using --force.`,
  outputExists: (out: string): string => `Output directory already exists at ${out}. Pass --force to overwrite it.`,
  // Ours: zip output and the kind check under --force (issue 14, docs/compatibility.md).
  outputFileExists: (out: string): string => `Output file already exists at ${out}. Pass --force to overwrite it.`,
  outputIsFile: (out: string): string =>
    `Output path ${out} is a file, not a directory: --force replaces only a directory there. Remove the file or choose another --output.`,
  outputIsDirectory: (out: string): string =>
    `Output path ${out} is a directory, not a zip file: --force replaces only a file there. Remove the directory or choose another --output.`,
  outputRemoveFailed: (out: string, os: string): string => `Failed to remove existing output directory at ${out}: ${os}`,
  outputCreateFailed: (dir: string, os: string): string => `Failed to create output directory at ${dir}: ${os}`,
  writeFailed: (file: string, os: string): string => `Failed to write Markdown file at ${file}: ${os}`,
  infoPlistNotFound: (p: string): string => `Info.plist not found at ${p}.`,
  infoPlistInvalid: (p: string): string => `Info.plist at ${p} is not a valid property list.`,
  infoPlistMissingKey: (key: string): string => `Info.plist is missing required key '${key}'.`,
  infoPlistWrongType: (key: string, type: string): string => `Info.plist key '${key}' does not match expected type ${type}.`,
  renderMetadataMissing: (p: string): string => `Render metadata missing at ${p}.`,
  renderMetadataInvalid: (p: string): string => `Render metadata at ${p} is not valid JSON.`,
  catalogMissing: (p: string): string => `Documentation catalog missing at ${p}.`,
  catalogInvalid: (p: string): string => `Documentation catalog at ${p} is not valid JSON.`,
  bundleMetadataInvalid: (p: string): string => `metadata.json at ${p} is not valid JSON.`,
  symbolGraphMalformed: (p: string): string => `Symbol graph at ${p} is malformed.`,
  articleInvalid: (p: string): string => `Article page at ${p} is not valid JSON.`,
  // The success line, for every profile (rich counts the same kinds of pages).
  generated: (counts: ConversionCounts, out: string): string =>
    `Generated ${counts.volumes} tutorial volume(s), ${counts.chapters} chapter(s), ` +
    `${counts.articles} reference article(s), and ${counts.symbols} symbol(s) into ${out}.`,
} as const;

/** The OS part of a "Failed to …" message: Node's text without the syscall and path noise. */
export function osErrorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  const text = error.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
  return code ? `${text} (${code})` : text;
}
