// Public face of converter/archive, the one set of zip rules: sniff, validate, extract and locate
// an uploaded DocC zip, inside a per-request workspace.
export { sniffZipMagic } from './sniff.ts';
export type { ZipKind } from './sniff.ts';
export { validateZip } from './validate.ts';
export type { ZipSummary } from './validate.ts';
export { extractZip } from './extract.ts';
export { locateDoccArchive } from './locate.ts';
export type { ArchiveTree, LocatedArchive } from './locate.ts';
export { inspectZip } from './inspect.ts';
export type { InspectedArchive, LocatedZip } from './inspect.ts';
export type { ZipIndexSnapshot } from './zip-index.ts';
export { createWorkspaceManager, DEFAULT_LEFTOVER_AGE_MS } from './workspace.ts';
export type { WorkspaceManager, WorkspaceManagerOptions } from './workspace.ts';
export { uncompressedCap } from './limits.ts';
export { unpackArchive } from './unpack.ts';
export type { UnpackedArchive } from './unpack.ts';
export { DEFAULT_ARCHIVE_LIMITS } from './types.ts';
export type { ArchiveLimits, ExtractResult, Workspace } from './types.ts';
