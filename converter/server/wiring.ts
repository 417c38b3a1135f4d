// Adapters from the libraries to the app's deps: converter/archive behind ArchiveService.
import { extractZip, locateDoccArchive, type WorkspaceManager } from '../archive/index.ts';
import type { ArchiveService } from './deps.ts';

export function archiveService(workspaces: WorkspaceManager): ArchiveService {
  return {
    createWorkspace: () => workspaces.create(),
    extract: (zipPath, destDir, limits) => extractZip(zipPath, destDir, limits),
    locate: (extractedDir) => locateDoccArchive(extractedDir),
  };
}
