// Bundle metadata checks in the Swift CLI's order (spec §4.1, §4.2). Only TechnologyRoot reaches
// the output; everything else can only fail the conversion, with the Swift message.
import { EngineError } from '../../api.ts';
import type { ArchiveReader } from '../../io/archive-reader.ts';
import { messages } from '../../messages.ts';
import { swiftTrim } from '../../text.ts';
import { isObject, objectOf, parseJson, stringOf } from './json.ts';
import type { PlistValue } from './plist.ts';
import { parseXmlPlist } from './plist.ts';

const INFO_PLIST = 'Info.plist';
const ROOT_METADATA = 'metadata.json';
const RENDER_METADATA = 'data/metadata/metadata.json';

export interface RootMetadata {
  bundleDisplayName: string;
  bundleID: string;
}

export interface BundleMetadata {
  technologyRoot: string;
  /** The root metadata.json, when present and decodable (it enables the fallbacks). */
  rootMetadata: RootMetadata | undefined;
  renderArchive: boolean;
}

/** A render archive has a root metadata.json or index/index.json (spec §2). */
export async function loadBundleMetadata(reader: ArchiveReader): Promise<BundleMetadata> {
  const rootMetadata = await readRootMetadata(reader);
  const renderArchive = (await reader.stat(ROOT_METADATA)) !== undefined || (await reader.stat('index/index.json')) !== undefined;
  const plistData = await readOptional(reader, INFO_PLIST);
  if (plistData === undefined) {
    if (renderArchive && rootMetadata) {
      return { technologyRoot: swiftTrim(rootMetadata.bundleDisplayName).toLowerCase(), rootMetadata, renderArchive };
    }
    throw new EngineError(messages.infoPlistNotFound(reader.displayPath(INFO_PLIST)));
  }
  return { technologyRoot: checkInfoPlist(plistData, reader.displayPath(INFO_PLIST)), rootMetadata, renderArchive };
}

/** Both reads of data/metadata/metadata.json: strings first, then `generatedAt` as a date. */
export async function checkRenderMetadata(reader: ArchiveReader, bundle: BundleMetadata): Promise<RenderMetadataCheck> {
  const shown = reader.displayPath(RENDER_METADATA);
  const exists = (await reader.stat(RENDER_METADATA)) !== undefined;
  const data = exists ? await readOptional(reader, RENDER_METADATA) : undefined;
  if (data === undefined) {
    if (!exists && bundle.renderArchive && bundle.rootMetadata) return { dateValid: true };
    throw new EngineError(messages.renderMetadataMissing(shown));
  }
  const json = parseJson(data);
  const fields = ['formatVersion', 'generatedAt', 'generator', 'kind'];
  if (!isObject(json) || !fields.every((field) => typeof json[field] === 'string')) {
    throw new EngineError(messages.renderMetadataInvalid(shown));
  }
  return { dateValid: isIso8601Date(json.generatedAt as string) };
}

export interface RenderMetadataCheck {
  dateValid: boolean;
}

/** Runs after the catalog loaded, as in Swift; fails only when `generatedAt` is not a date. */
export function checkBundleDataMetadata(reader: ArchiveReader, check: RenderMetadataCheck): void {
  if (!check.dateValid) throw new EngineError(messages.bundleMetadataInvalid(reader.displayPath(RENDER_METADATA)));
}

// Foundation's ISO8601DateFormatter default: no fractional seconds, `Z` or a ±hh:mm offset.
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:?\d{2})$/;

export function isIso8601Date(value: string): boolean {
  const match = ISO_8601.exec(value);
  if (!match) return false;
  const [month, day, hour, minute, second] = match.slice(2, 7).map(Number) as [number, number, number, number, number];
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60;
}

async function readRootMetadata(reader: ArchiveReader): Promise<RootMetadata | undefined> {
  const data = await readOptional(reader, ROOT_METADATA);
  const json = data === undefined ? undefined : parseJson(data);
  if (!isObject(json)) return undefined;
  const bundleDisplayName = stringOf(json.bundleDisplayName);
  const bundleID = stringOf(json.bundleID);
  if (bundleDisplayName === undefined || bundleID === undefined) return undefined;
  if (json.schemaVersion !== undefined && !isSchemaVersion(json.schemaVersion)) return undefined;
  return { bundleDisplayName, bundleID };
}

function isSchemaVersion(value: unknown): boolean {
  const version = objectOf(value);
  return version !== undefined && ['major', 'minor', 'patch'].every((key) => Number.isInteger(version[key]));
}

async function readOptional(reader: ArchiveReader, relativePath: string): Promise<Buffer | undefined> {
  try {
    return await reader.readFile(relativePath);
  } catch {
    return undefined;
  }
}

function checkInfoPlist(data: Buffer, shown: string): string {
  let plist: PlistValue;
  try {
    plist = parseXmlPlist(data.toString('utf8'));
  } catch {
    throw new EngineError(messages.infoPlistInvalid(shown));
  }
  if (!isPlistDict(plist)) throw new EngineError(messages.infoPlistInvalid(shown));
  requiredString(plist, 'Identifier');
  requiredString(plist, 'CFBundleName');
  const technologyRoot = requiredString(plist, 'TechnologyRoot');
  checkLanguages(plist);
  optionalString(plist, 'DocCVersion');
  optionalString(plist, 'ProjectVersion');
  return technologyRoot;
}

type PlistDict = { [key: string]: PlistValue };

function isPlistDict(value: PlistValue): value is PlistDict {
  return typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && !Buffer.isBuffer(value);
}

function requiredString(plist: PlistDict, key: string): string {
  const value = plist[key];
  if (value === undefined) throw new EngineError(messages.infoPlistMissingKey(key));
  if (typeof value !== 'string' || value === '') throw new EngineError(messages.infoPlistWrongType(key, 'non-empty String'));
  return value;
}

function checkLanguages(plist: PlistDict): void {
  const value = plist.Languages;
  if (value === undefined) throw new EngineError(messages.infoPlistMissingKey('Languages'));
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new EngineError(messages.infoPlistWrongType('Languages', '[String]'));
  }
  if (value.some((item) => swiftTrim(item as string) === '')) {
    throw new EngineError(messages.infoPlistWrongType('Languages', 'non-empty strings'));
  }
}

function optionalString(plist: PlistDict, key: string): void {
  const value = plist[key];
  if (value === undefined) return;
  if (typeof value !== 'string') throw new EngineError(messages.infoPlistWrongType(key, 'String'));
  if (swiftTrim(value) === '') throw new EngineError(messages.infoPlistWrongType(key, 'non-empty String'));
}
