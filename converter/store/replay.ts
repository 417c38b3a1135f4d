// How one queued entry is replayed against Redis once it answers again. The rule for a key comes
// from its ReplayPolicy (roles.ts knows the values; this file does not). The policy decides on the
// copy Redis holds now, and the write or delete is a compare-and-set on that very copy (Lua), so a
// copy another writer puts in Redis meanwhile is never lost: the decision is simply made again.
import type { Backend } from './backend.ts';
import type { DeletedValue } from './replay-queue.ts';
import { valueDigest } from './value-digest.ts';

export interface ReplayPolicy {
  /**
   * Whether this pod's copy replaces the one Redis holds. Unset: ours is written only where Redis
   * holds nothing (SET NX), and a delete removes only the very value this pod deleted.
   */
  replaces?: (ours: Buffer, theirs: Buffer) => boolean;
}

/** Undefined: the key is not durable and never replayed (locks, rate limits, cache). */
export type ReplayPolicies = (key: string) => ReplayPolicy | undefined;

// Each attempt loses only to a write that landed between our GET and our compare-and-set.
const MAX_ATTEMPTS = 3;

/** Whether a replayed write of `ours` takes the place of `theirs` (undefined: Redis holds nothing). */
export function writeWins(policy: ReplayPolicy, ours: Buffer, theirs: Buffer | undefined): boolean {
  return theirs === undefined || (policy.replaces?.(ours, theirs) ?? false);
}

/** Whether a replayed delete removes `theirs`: Redis still holds what we deleted, or what it would have replaced. */
export function deleteWins(policy: ReplayPolicy, deleted: DeletedValue, theirs: Buffer): boolean {
  if (valueDigest(theirs) === deleted.digest) return true;
  return deleted.value !== undefined && (policy.replaces?.(deleted.value, theirs) ?? false);
}

/** Keeps the value only where the policy will look at it, so tombstones of result blobs stay small. */
export function tombstone(policy: ReplayPolicy, value: Buffer): DeletedValue {
  return policy.replaces === undefined ? { digest: valueDigest(value) } : { digest: valueDigest(value), value };
}

export async function replayWrite(
  target: Backend,
  key: string,
  write: { ours: Buffer; ttlMs: number; policy: ReplayPolicy },
): Promise<void> {
  const { ours, ttlMs, policy } = write;
  if (policy.replaces === undefined) {
    await target.compareAndSet(key, undefined, ours, ttlMs);
    return;
  }
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const theirs = await target.get(key);
    if (!writeWins(policy, ours, theirs)) return;
    if (await target.compareAndSet(key, theirs === undefined ? undefined : valueDigest(theirs), ours, ttlMs)) return;
  }
}

export async function replayDelete(target: Backend, key: string, deleted: DeletedValue, policy: ReplayPolicy): Promise<void> {
  if (policy.replaces === undefined) {
    await target.compareAndDelete(key, deleted.digest);
    return;
  }
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const theirs = await target.get(key);
    if (theirs === undefined || !deleteWins(policy, deleted, theirs)) return;
    if (await target.compareAndDelete(key, valueDigest(theirs))) return;
  }
}
