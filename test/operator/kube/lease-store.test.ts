import { expect } from 'chai';
import { ApiException, type CoordinationV1Api, type V1Lease } from '@kubernetes/client-node';
import { LeaseConflictError, coordinationLeaseStore, fromLease, toLease, type LeaseRecord } from '../../../operator/kube/lease-store.ts';
import { validateK8sObject } from '../../support/k8s-schema.ts';

const record: LeaseRecord = {
  holderIdentity: 'operator-0',
  leaseDurationSeconds: 15,
  acquireTime: new Date('2026-01-01T00:00:00.123Z'),
  renewTime: new Date('2026-01-01T00:00:10.456Z'),
  leaseTransitions: 3,
};

const apiError = (code: number): ApiException<string> => new ApiException(code, `HTTP ${code}`, '{}', {});

function fakeApi(behaviour: Partial<Record<'read' | 'create' | 'replace', (lease?: V1Lease) => V1Lease>>): CoordinationV1Api {
  const call = (name: 'read' | 'create' | 'replace', lease?: V1Lease): Promise<V1Lease> =>
    Promise.resolve().then(() => behaviour[name]!(lease));
  return {
    readNamespacedLease: () => call('read'),
    createNamespacedLease: ({ body }: { body: V1Lease }) => call('create', body),
    replaceNamespacedLease: ({ body }: { body: V1Lease }) => call('replace', body),
  } as unknown as CoordinationV1Api;
}

describe('lease-store', () => {
  describe('toLease', () => {
    it('builds a valid coordination.k8s.io/v1 Lease with microsecond times', () => {
      const lease = toLease('ns', 'lock', record, '42');
      expect(validateK8sObject(lease).errors).to.deep.equal([]);
      const json = JSON.parse(JSON.stringify(lease));
      expect(json.spec.renewTime).to.equal('2026-01-01T00:00:10.456000Z');
      expect(json.metadata).to.deep.equal({ name: 'lock', namespace: 'ns', resourceVersion: '42' });
    });

    it('round-trips through fromLease, whether times come back as strings or dates', () => {
      const asJson = JSON.parse(JSON.stringify(toLease('ns', 'lock', record, '7'))) as V1Lease;
      expect(fromLease(asJson)).to.deep.equal({ resourceVersion: '7', record });
      expect(fromLease(toLease('ns', 'lock', record, '7'))).to.deep.equal({ resourceVersion: '7', record });
    });
  });

  describe('coordinationLeaseStore', () => {
    it('reads a missing lease as undefined', async () => {
      const store = coordinationLeaseStore(
        fakeApi({
          read: () => {
            throw apiError(404);
          },
        }),
      );
      expect(await store.get('ns', 'lock')).to.equal(undefined);
    });

    it('passes other read errors on', async () => {
      const store = coordinationLeaseStore(
        fakeApi({
          read: () => {
            throw apiError(500);
          },
        }),
      );
      const error = await store.get('ns', 'lock').catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(ApiException);
    });

    it('turns 409 on create and replace into LeaseConflictError', async () => {
      const store = coordinationLeaseStore(
        fakeApi({
          create: () => {
            throw apiError(409);
          },
          replace: () => {
            throw apiError(409);
          },
        }),
      );
      expect(await store.create('ns', 'lock', record).catch((caught: unknown) => caught)).to.be.instanceOf(LeaseConflictError);
      expect(await store.replace('ns', 'lock', record, '1').catch((caught: unknown) => caught)).to.be.instanceOf(LeaseConflictError);
    });

    it('sends the resourceVersion it read with a replace', async () => {
      let sent: V1Lease | undefined;
      const store = coordinationLeaseStore(
        fakeApi({ replace: (lease) => ((sent = lease), { ...lease!, metadata: { ...lease!.metadata, resourceVersion: '43' } }) }),
      );
      const stored = await store.replace('ns', 'lock', record, '42');
      expect(sent?.metadata?.resourceVersion).to.equal('42');
      expect(stored.resourceVersion).to.equal('43');
    });
  });
});
