import { expect } from 'chai';
import type { ConversionJobStatus } from '../../../../common/contract/conversion-job.ts';
import type { DocConversion } from '../../../../operator/api/docconversion.generated.ts';
import { configMapData, deliverConfigMap } from '../../../../operator/controllers/docconversion/configmap-output.ts';
import { makeZip } from '../../support/zip.ts';
import { conversion } from './builders.ts';

const RESULT = { 'markdown/documentation/kit/index.md': '# Kit', 'llms.txt': '# Kit', 'linkgraph/adjacency.json': '{}' };

function recorder(download: Buffer = Buffer.alloc(0)) {
  const writes: { owner: DocConversion; name: string; data: Record<string, string> }[] = [];
  const downloads: string[] = [];
  const ports = {
    client: {
      downloadResult: async (id: string): Promise<Buffer> => {
        downloads.push(id);
        return download;
      },
    },
    writeOutput: async (owner: DocConversion, name: string, data: Record<string, string>): Promise<void> =>
      void writes.push({ owner, name, data }),
  };
  return { ports, writes, downloads };
}

describe('deliverConfigMap', () => {
  const object = conversion({ spec: { output: { configMap: { name: 'kit-md' } } } });

  describe('when the job returned its result inline', () => {
    it('writes the Markdown and llms.txt under their keys into the named ConfigMap, without a download', async () => {
      const { ports, writes, downloads } = recorder();
      const job: ConversionJobStatus = {
        id: 'job-1',
        state: 'succeeded',
        startedAt: '',
        location: { kind: 'inline', zipBase64: makeZip(RESULT).toString('base64') },
      };
      const files = await deliverConfigMap(ports, object, job);
      expect(files).to.equal(2);
      expect(downloads).to.deep.equal([]);
      expect(writes).to.have.length(1);
      expect(writes[0]).to.include({ owner: object, name: 'kit-md' });
      expect(writes[0].data).to.deep.equal({ 'documentation_kit_index.md': '# Kit', 'llms.txt': '# Kit' });
    });
  });

  describe('when the job retained its result', () => {
    it('downloads it by job id', async () => {
      const { ports, writes, downloads } = recorder(makeZip(RESULT));
      const job: ConversionJobStatus = {
        id: 'job-2',
        state: 'succeeded',
        startedAt: '',
        location: { kind: 'retained', path: '/x', expiresAt: '' },
      };
      expect(await deliverConfigMap(ports, object, job)).to.equal(2);
      expect(downloads).to.deep.equal(['job-2']);
      expect(Object.keys(writes[0].data).sort()).to.deep.equal(['documentation_kit_index.md', 'llms.txt']);
    });
  });
});

describe('configMapData', () => {
  describe('when keys and contents together pass the cap', () => {
    it('fails with OUTPUT_TOO_LARGE, permanently', () => {
      const files = new Map([['markdown/a.md', 'x'.repeat(10)]]);
      expect(configMapData(files, 1000)).to.deep.equal({ 'a.md': 'x'.repeat(10) });
      expect(() => configMapData(files, 12))
        .to.throw()
        .that.includes({ code: 'OUTPUT_TOO_LARGE', permanent: true });
    });
  });
});
