// An in-memory Lease store with the API server's optimistic concurrency: every write bumps a
// global resourceVersion; create of an existing lease and replace with a stale version fail
// with LeaseConflictError. `connect()` gives each replica its own connection that a test can
// cut (calls fail) or freeze (calls never answer).
import { LeaseConflictError, type LeaseRecord, type LeaseStore, type StoredLease } from '../../operator/kube/lease-store.ts';

const clone = (lease: StoredLease): StoredLease => structuredClone(lease);

export class FakeLeaseStore {
  private readonly leases = new Map<string, StoredLease>();
  private version = 0;
  writes = 0;

  lease(namespace: string, name: string): StoredLease | undefined {
    const lease = this.leases.get(`${namespace}/${name}`);
    return lease && clone(lease);
  }

  connect(): FakeLeaseConnection {
    return new FakeLeaseConnection(this);
  }

  get(namespace: string, name: string): StoredLease | undefined {
    return this.lease(namespace, name);
  }

  create(namespace: string, name: string, record: LeaseRecord): StoredLease {
    const key = `${namespace}/${name}`;
    if (this.leases.has(key)) throw new LeaseConflictError(`leases "${name}" already exists`);
    return this.store(key, record);
  }

  replace(namespace: string, name: string, record: LeaseRecord, resourceVersion: string): StoredLease {
    const key = `${namespace}/${name}`;
    const current = this.leases.get(key);
    if (!current) throw Object.assign(new Error(`leases "${name}" not found`), { code: 404 });
    if (current.resourceVersion !== resourceVersion) throw new LeaseConflictError('the object has been modified');
    return this.store(key, record);
  }

  private store(key: string, record: LeaseRecord): StoredLease {
    this.writes++;
    const lease = { record: structuredClone(record), resourceVersion: String(++this.version) };
    this.leases.set(key, lease);
    return clone(lease);
  }
}

export class FakeLeaseConnection implements LeaseStore {
  private readonly server: FakeLeaseStore;
  /** Calls fail at once, like a refused connection. */
  cut = false;
  /** Calls never answer, like a hung connection. */
  frozen = false;

  constructor(server: FakeLeaseStore) {
    this.server = server;
  }

  get(namespace: string, name: string): Promise<StoredLease | undefined> {
    return this.call(() => this.server.get(namespace, name));
  }

  create(namespace: string, name: string, record: LeaseRecord): Promise<StoredLease> {
    return this.call(() => this.server.create(namespace, name, record));
  }

  replace(namespace: string, name: string, record: LeaseRecord, resourceVersion: string): Promise<StoredLease> {
    return this.call(() => this.server.replace(namespace, name, record, resourceVersion));
  }

  private async call<T>(operation: () => T): Promise<T> {
    if (this.frozen) return new Promise<T>(() => {});
    if (this.cut) throw new Error('connect ECONNREFUSED');
    return operation();
  }
}
