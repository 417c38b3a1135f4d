import { expect } from 'chai';
import { startKubeApiServer, type KubeApiServer } from './server.ts';

describe('ServerControls.onChange', () => {
  let kube: KubeApiServer;
  before(async () => {
    kube = await startKubeApiServer({ namespaces: ['ns'] });
  });
  after(async () => {
    await kube.close();
  });

  describe('when objects are created, modified and deleted after subscribing', () => {
    it('reports each change with its type and object, until unsubscribed', () => {
      const seen: string[] = [];
      const unsubscribe = kube.controls.onChange((change) =>
        seen.push(
          `${change.type} ${change.object.metadata?.name} ${(change.previous as { data?: { v?: string } } | undefined)?.data?.v ?? '-'}`,
        ),
      );
      const ref = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'ns', name: 'watched' };
      kube.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'watched', namespace: 'ns' }, data: { v: '1' } });
      kube.store.mutate(ref, (cm: { data?: Record<string, string> }) => {
        cm.data = { v: '2' };
      });
      kube.store.delete(ref);
      unsubscribe();
      kube.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after', namespace: 'ns' } });
      expect(seen).to.deep.equal(['ADDED watched -', 'MODIFIED watched 1', 'DELETED watched 2']);
    });
  });
});
