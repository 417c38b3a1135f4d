// What the conversion core needs from below, as small interfaces: the archive functions (adapted
// from converter/archive by archive-service.ts) and the engine chosen at start-up. Both the
// convert route (server/) and the job API (jobs/) receive them from the composition root (app/).
import type { EngineName, Profile } from '../../common/contract/conversion-job.ts';
import type { LocatedZip } from '../archive/inspect.ts';
import type { ArchiveLimits, ExtractResult, Workspace } from '../archive/types.ts';

/** The archive functions a conversion uses (adapters over converter/archive). */
export interface ArchiveService {
  createWorkspace(): Promise<Workspace>;
  /** Validates the zip from its central directory and locates the DocC archive for `profile`; AppError on any rule. */
  inspect(zipPath: string, limits: ArchiveLimits, profile: Profile): Promise<LocatedZip>;
  /** Validates the zip and extracts it safely into `destDir` (for an engine that reads directories). */
  extract(zipPath: string, destDir: string, limits: ArchiveLimits): Promise<ExtractResult>;
}

/** Which engine runs conversions, found once at start-up (never probed per request). */
export interface EngineStatus {
  engine: EngineName;
  available: boolean;
  /** The Swift CLI: whether it was found and runs (`--help` exits 0), and where. */
  binaryDetected: boolean;
  binaryPath: string;
}
