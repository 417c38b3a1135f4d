// Adapters from the libraries to the app's deps: converter/archive behind ArchiveService.
import { extractZip, inspectZip, type WorkspaceManager } from '../archive/index.ts';
import type { ArchiveService } from './deps.ts';

export function archiveService(workspaces: WorkspaceManager): ArchiveService {
  return {
    createWorkspace: () => workspaces.create(),
    inspect: (zipPath, limits, profile) => inspectZip(zipPath, limits, profile),
    extract: (zipPath, destDir, limits) => extractZip(zipPath, destDir, limits),
  };
}
