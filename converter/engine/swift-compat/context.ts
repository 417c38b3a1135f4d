// What one conversion carries through its phases: reader, sink, profile, catalog, counters.
import type { EngineOptions } from '../api.ts';
import type { ArchiveReader } from '../io/archive-reader.ts';
import type { OutputSink } from '../io/output-sink.ts';
import type { CatalogInfo, RenderProfile } from './render-profile.ts';

export interface ConversionContext {
  reader: ArchiveReader;
  sink: OutputSink;
  profile: RenderProfile;
  options: EngineOptions;
  catalog: CatalogInfo;
  technologyRoot: string;
  renderArchive: boolean;
  signal: AbortSignal | undefined;
  warn(message: string): void;
}

/** Reads and parses one JSON file; undefined when it is not JSON. Read errors propagate. */
export async function readJson(context: ConversionContext, relativePath: string): Promise<unknown> {
  const data = await context.reader.readFile(relativePath);
  try {
    return JSON.parse(data.toString('utf8'));
  } catch {
    return undefined;
  }
}
