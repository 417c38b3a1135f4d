// The container's memory limit as the kernel enforces it: cgroup v2 `memory.max`, else cgroup v1
// `memory.limit_in_bytes`. "max" or v1's huge sentinel (no limit) and unreadable files give
// undefined. Read once at start-up by loadConfig's caller.
import { readFileSync } from 'node:fs';

export const CGROUP_V2_FILE = '/sys/fs/cgroup/memory.max';
export const CGROUP_V1_FILE = '/sys/fs/cgroup/memory/memory.limit_in_bytes';

/** v1 reports "no limit" as a page-rounded LONG_MAX; anything from 2^60 up means unlimited. */
const UNLIMITED_FROM = 2 ** 60;

/** Parses one cgroup limit file's text: bytes, or undefined for "max" and nonsense. */
export function parseCgroupLimit(text: string): number | undefined {
  const value = text.trim();
  if (!/^\d+$/.test(value)) return undefined;
  const bytes = Number(value);
  return bytes > 0 && bytes < UNLIMITED_FROM ? bytes : undefined;
}

function readLimitFile(file: string): number | undefined {
  try {
    return parseCgroupLimit(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

export function readCgroupMemoryLimit(files: readonly string[] = [CGROUP_V2_FILE, CGROUP_V1_FILE]): number | undefined {
  for (const file of files) {
    const limit = readLimitFile(file);
    if (limit !== undefined) return limit;
  }
  return undefined;
}
