// Where the repository and the read-only ../shared folder are, for every test.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED = path.resolve(REPO_ROOT, '../shared');
export const FIXTURES = path.join(SHARED, 'fixtures');
export const DOCC_FIXTURES = path.join(FIXTURES, 'docc2context');
export const SNAPSHOTS = path.join(DOCC_FIXTURES, 'snapshots');
export const SERVICE_FIXTURES = path.join(FIXTURES, 'service');
export const CORPUS = path.join(SHARED, 'docc-corpus');
