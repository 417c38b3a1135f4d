// converter/archive behind the ArchiveService the conversion core uses.
import { extractZip, inspectZip, type WorkspaceManager } from '../archive/index.ts';
import type { ArchiveService } from './types.ts';

export function archiveService(workspaces: WorkspaceManager): ArchiveService {
  return {
    createWorkspace: () => workspaces.create(),
    inspect: (zipPath, limits, profile) => inspectZip(zipPath, limits, profile),
    extract: (zipPath, destDir, limits) => extractZip(zipPath, destDir, limits),
  };
}
