import { CoreV1Api } from '@kubernetes/client-node';
import { expect } from 'chai';
import { startKubeApiServer, type KubeApiServer } from './server.ts';
import { failure } from './test-helpers.ts';

const MIB = 1024 * 1024;

describe('kube-apiserver test server: ConfigMap and Secret size limit', () => {
  let server: KubeApiServer;
  let core: CoreV1Api;

  beforeEach(async () => {
    server = await startKubeApiServer();
    core = server.kubeConfig().makeApiClient(CoreV1Api);
  });
  afterEach(async () => {
    await server.close();
  });

  describe('when a ConfigMap holds more than 1 MiB of data and binaryData together', () => {
    it('refuses it with 422 Invalid, as the real API server does', async () => {
      const body = {
        metadata: { name: 'too-big' },
        data: { 'a.md': 'x'.repeat(MIB / 2) },
        binaryData: { 'archive.zip': Buffer.alloc(MIB / 2 + 1).toString('base64') },
      };
      const status = await failure(() => core.createNamespacedConfigMap({ namespace: 'default', body }));
      expect(status.code).to.equal(422);
      expect(status.reason).to.equal('Invalid');
      expect(status.message).to.equal('ConfigMap "too-big" is invalid: []: Too long: may not be more than 1048576 bytes');
    });
  });

  describe('when a ConfigMap holds exactly 1 MiB', () => {
    it('stores it', async () => {
      const body = { metadata: { name: 'just-fits' }, binaryData: { 'archive.zip': Buffer.alloc(MIB).toString('base64') } };
      await core.createNamespacedConfigMap({ namespace: 'default', body });
      const read = await core.readNamespacedConfigMap({ namespace: 'default', name: 'just-fits' });
      expect(Buffer.from(read.binaryData?.['archive.zip'] ?? '', 'base64').length).to.equal(MIB);
    });
  });

  describe('when a Secret holds more than 1 MiB', () => {
    it('refuses it with 422 Invalid', async () => {
      const body = { metadata: { name: 'big-secret' }, data: { key: Buffer.alloc(MIB + 1).toString('base64') } };
      const status = await failure(() => core.createNamespacedSecret({ namespace: 'default', body }));
      expect(status.code).to.equal(422);
    });
  });
});
