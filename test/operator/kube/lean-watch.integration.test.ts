import { CustomObjectsApi, type KubernetesListObject } from '@kubernetes/client-node';
import { expect } from 'chai';
import { summarizeConversion, type CachedDocConversion } from '../../../operator/controllers/docconversion/controller.ts';
import type { DocConversion } from '../../../operator/api/docconversion.generated.ts';
import { makeLeanInformer } from '../../../operator/kube/lean-watch.ts';
import type { SupervisedInformer } from '../../../operator/kube/informer-supervisor.ts';
import type { KubeApiServer } from '../../kube-apiserver/server.ts';
import { waitFor } from '../../kube-apiserver/wait-for.ts';
import { DC, NAMESPACE, conversion, create, get, startApiServer } from '../support/harness.ts';

describe('makeLeanInformer against the Kubernetes API test server', () => {
  let kube: KubeApiServer;
  let informer: SupervisedInformer<CachedDocConversion>;
  let seen: CachedDocConversion[];

  beforeEach(async () => {
    kube = await startApiServer();
    create(kube, conversion('listed', { output: { configMap: { name: 'listed-md' } } }));
    const kc = kube.kubeConfig(NAMESPACE);
    const custom = kc.makeApiClient(CustomObjectsApi);
    const list = async (): Promise<KubernetesListObject<DocConversion>> =>
      (await custom.listNamespacedCustomObject({
        group: 'docc2context.io',
        version: 'v1alpha1',
        plural: 'docconversions',
        namespace: NAMESPACE,
      })) as KubernetesListObject<DocConversion>;
    informer = makeLeanInformer(
      kc,
      { path: `/apis/docc2context.io/v1alpha1/namespaces/${NAMESPACE}/docconversions`, list },
      summarizeConversion,
    );
    seen = [];
    informer.on('add', (object) => seen.push(object));
    informer.on('update', (object) => seen.push(object));
    await informer.start();
    await waitFor(() => kube.controls.openWatches === 1, { description: 'the informer watch' });
  });

  afterEach(async () => {
    await informer.stop();
    await kube.close();
  });

  const cached = (name: string): CachedDocConversion | undefined => informer.get(name, NAMESPACE);
  const identity = (name: string): Record<string, string | undefined> => {
    const { namespace, uid, resourceVersion } = get(kube, name)?.metadata ?? {};
    return { name, namespace, uid, resourceVersion };
  };

  describe('when objects are listed', () => {
    it('caches only their identity, without spec, managedFields or other metadata', () => {
      expect(cached('listed')).to.deep.equal({ metadata: identity('listed') });
    });
  });

  describe('when objects change through the watch', () => {
    it('caches the summary of the newest version, phase included, and hands summaries to callbacks', async () => {
      create(kube, conversion('watched'));
      await waitFor(() => cached('watched') !== undefined, { description: 'the watched object in the cache' });
      const object = get(kube, 'watched')!;
      kube.store.updateStatus({ ...object, status: { phase: 'Running' } } as never);
      await waitFor(() => cached('watched')?.status?.phase === 'Running', { description: 'the new phase in the cache' });
      expect(cached('watched')).to.deep.equal({ metadata: identity('watched'), status: { phase: 'Running' } });
      expect(seen.every((summary) => !('spec' in summary) && Object.keys(summary.metadata).length === 4)).to.equal(true);
    });

    it('drops deleted objects', async () => {
      kube.store.delete({ ...DC, namespace: NAMESPACE, name: 'listed' });
      await waitFor(() => cached('listed') === undefined, { description: 'the deleted object gone from the cache' });
    });
  });
});
