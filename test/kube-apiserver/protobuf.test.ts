import { expect } from 'chai';
import { readFields } from './http/protobuf.ts';
import { startKubeApiServer, type KubeApiServer } from './server.ts';

const PROTOBUF = 'application/vnd.kubernetes.protobuf';

// A minimal protobuf writer for the tests: length-delimited fields and varints.
function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}
const field = (number: number, value: Buffer | string): Buffer => {
  const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value);
  return Buffer.concat([varint((number << 3) | 2), varint(bytes.length), bytes]);
};
const flag = (number: number, value: boolean): Buffer => Buffer.concat([varint(number << 3), varint(value ? 1 : 0)]);
const entry = (number: number, key: string, value: Buffer | string): Buffer =>
  field(number, Buffer.concat([field(1, key), field(2, value)]));

function envelope(kind: string, raw: Buffer): Buffer {
  const typeMeta = Buffer.concat([field(1, 'v1'), field(2, kind)]);
  return Buffer.concat([Buffer.from('k8s\0', 'latin1'), field(1, typeMeta), field(2, raw)]);
}

describe('kube-apiserver test server: protobuf request bodies', () => {
  let server: KubeApiServer;

  before(async () => {
    server = await startKubeApiServer();
  });
  after(async () => {
    await server.close();
  });

  function post(resource: string, body: Buffer): Promise<Response> {
    return fetch(`${server.url}/api/v1/namespaces/default/${resource}`, {
      method: 'POST',
      headers: { 'Content-Type': PROTOBUF, Accept: `${PROTOBUF}, application/json` },
      body,
    });
  }

  describe('when a ConfigMap comes in protobuf, as kubectl create configmap sends it', () => {
    it('stores its metadata, data, binaryData and immutable, answering JSON', async () => {
      const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff]);
      const meta = Buffer.concat([field(1, 'from-proto'), entry(11, 'app', 'docs'), entry(12, 'note', 'é')]);
      const raw = Buffer.concat([field(1, meta), entry(2, 'a.txt', 'hello'), entry(3, 'archive.zip', zip), flag(4, true)]);
      const response = await post('configmaps', envelope('ConfigMap', raw));
      expect(response.status).to.equal(201);
      expect(response.headers.get('content-type')).to.equal('application/json');
      const stored = server.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'from-proto' });
      expect(stored?.metadata).to.deep.include({ name: 'from-proto', labels: { app: 'docs' }, annotations: { note: 'é' } });
      expect(stored).to.deep.include({
        data: { 'a.txt': 'hello' },
        binaryData: { 'archive.zip': zip.toString('base64') },
        immutable: true,
      });
    });
  });

  describe('when a Secret comes in protobuf', () => {
    it('stores its bytes as base64 data and its type', async () => {
      const raw = Buffer.concat([field(1, field(1, 'token')), entry(2, 'key', Buffer.from([0, 1, 2])), field(3, 'Opaque')]);
      expect((await post('secrets', envelope('Secret', raw))).status).to.equal(201);
      const stored = server.store.get({ apiVersion: 'v1', kind: 'Secret', namespace: 'default', name: 'token' });
      expect(stored).to.deep.include({ data: { key: 'AAEC' }, type: 'Opaque' });
    });
  });

  describe('when another kind comes in protobuf', () => {
    it('answers 415 UnsupportedMediaType (a limit of the test server)', async () => {
      const response = await post('services', envelope('Service', field(1, field(1, 'svc'))));
      expect(response.status).to.equal(415);
    });
  });

  describe('when the body lacks the k8s magic prefix', () => {
    it('answers 400 BadRequest', async () => {
      const response = await post('configmaps', field(1, 'x'));
      expect(response.status).to.equal(400);
      expect(((await response.json()) as { reason: string }).reason).to.equal('BadRequest');
    });
  });

  describe('readFields', () => {
    it('reads varints over 7 bits and skips fixed-width fields', () => {
      const bytes = Buffer.concat([varint((5 << 3) | 0), varint(300), Buffer.from([(6 << 3) | 5, 1, 2, 3, 4]), field(7, 'x')]);
      expect(readFields(bytes)).to.deep.equal([
        { number: 5, value: 300n },
        { number: 7, value: Buffer.from('x') },
      ]);
    });
  });
});
