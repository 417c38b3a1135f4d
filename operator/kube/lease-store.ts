// Leases as the leader elector needs them: read, create, replace with optimistic concurrency.
// The elector sees only this interface; `coordinationLeaseStore` implements it with
// the Lease calls of client.ts (shaped like client-node's CoordinationV1Api), tests with an
// in-memory store.
import type { V1Lease } from '@kubernetes/client-node';
import { ApiException } from '@kubernetes/client-node/dist/gen/apis/exception.js';
import { V1MicroTime } from '@kubernetes/client-node/dist/types.js';
import type { LeaseApi } from './client.ts';

export interface LeaseRecord {
  holderIdentity: string;
  leaseDurationSeconds: number;
  acquireTime?: Date;
  renewTime?: Date;
  leaseTransitions: number;
}

export interface StoredLease {
  record: LeaseRecord;
  /** Opaque; a replace must carry the version it read. */
  resourceVersion: string;
}

/** The lease changed (or appeared) since it was read: somebody else wrote first. */
export class LeaseConflictError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LeaseConflictError';
  }
}

export interface LeaseStore {
  /** The lease, or undefined when it does not exist. */
  get(namespace: string, name: string): Promise<StoredLease | undefined>;
  /** Creates the lease; LeaseConflictError when it already exists. */
  create(namespace: string, name: string, record: LeaseRecord): Promise<StoredLease>;
  /** Replaces the lease read at `resourceVersion`; LeaseConflictError when it changed since. */
  replace(namespace: string, name: string, record: LeaseRecord, resourceVersion: string): Promise<StoredLease>;
}

const toDate = (value: unknown): Date | undefined => (value === undefined || value === null ? undefined : new Date(value as string | Date));

export function fromLease(lease: V1Lease): StoredLease {
  const spec = lease.spec ?? {};
  return {
    resourceVersion: lease.metadata?.resourceVersion ?? '',
    record: {
      holderIdentity: spec.holderIdentity ?? '',
      leaseDurationSeconds: spec.leaseDurationSeconds ?? 0,
      acquireTime: toDate(spec.acquireTime),
      renewTime: toDate(spec.renewTime),
      leaseTransitions: spec.leaseTransitions ?? 0,
    },
  };
}

export function toLease(namespace: string, name: string, record: LeaseRecord, resourceVersion?: string): V1Lease {
  const micro = (date: Date | undefined): V1MicroTime | undefined => (date ? new V1MicroTime(date.getTime()) : undefined);
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name, namespace, ...(resourceVersion ? { resourceVersion } : {}) },
    spec: {
      holderIdentity: record.holderIdentity,
      leaseDurationSeconds: record.leaseDurationSeconds,
      acquireTime: micro(record.acquireTime),
      renewTime: micro(record.renewTime),
      leaseTransitions: record.leaseTransitions,
    },
  };
}

const statusOf = (error: unknown): number | undefined => (error instanceof ApiException ? error.code : undefined);

export function coordinationLeaseStore(api: LeaseApi): LeaseStore {
  const conflictOr = (error: unknown, what: string): never => {
    if (statusOf(error) === 409) throw new LeaseConflictError(`Lease ${what} conflicted`, { cause: error });
    throw error;
  };
  return {
    async get(namespace, name) {
      try {
        return fromLease(await api.readNamespacedLease({ namespace, name }));
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    },
    async create(namespace, name, record) {
      try {
        return fromLease(await api.createNamespacedLease({ namespace, body: toLease(namespace, name, record) }));
      } catch (error) {
        return conflictOr(error, `${namespace}/${name} create`);
      }
    },
    async replace(namespace, name, record, resourceVersion) {
      try {
        const body = toLease(namespace, name, record, resourceVersion);
        return fromLease(await api.replaceNamespacedLease({ namespace, name, body }));
      } catch (error) {
        return conflictOr(error, `${namespace}/${name} update`);
      }
    },
  };
}
