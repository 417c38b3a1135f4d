import { expect } from 'chai';
import { buildJobRequest, resultFromJob } from '../../../../operator/controllers/docconversion/request.ts';
import { conversion } from './builders.ts';

describe('job requests', () => {
  describe('when the source is a URL and the output is retained', () => {
    it('sends the URL, sha256, retain output and the timeout', () => {
      const object = conversion({
        spec: { source: { url: 'https://x/a.zip', sha256: 'a'.repeat(64) }, output: { retain: { ttlSeconds: 60 } } },
      });
      expect(buildJobRequest(object, 'id-1')).to.deep.equal({
        id: 'id-1',
        source: { url: 'https://x/a.zip', sha256: 'a'.repeat(64) },
        output: { retain: { ttlSeconds: 60 } },
        timeoutSeconds: 600,
      });
    });
  });

  describe('when the source was read from a ConfigMap and the output is a ConfigMap', () => {
    it('sends the bytes inline and asks for the zip back', () => {
      const object = conversion({
        spec: {
          source: { configMap: { name: 'c', key: 'k' } },
          output: { configMap: { name: 'out' } },
          options: { profile: 'rich', frontMatter: true },
        },
      });
      const request = buildJobRequest(object, 'id-2', 'UEsDBA==');
      expect(request).to.deep.include({
        source: { inline: 'UEsDBA==' },
        output: { return: true },
        options: { profile: 'rich', frontMatter: true },
      });
    });
  });

  describe('when a job finished for a URL output', () => {
    it('reports where the zip went without the presigned query string', () => {
      const object = conversion({ spec: { output: { url: 'https://bucket/x.zip?X-Amz-Signature=secret' } } });
      const result = resultFromJob(object, {
        id: 'j',
        state: 'succeeded',
        startedAt: '',
        files: 4,
        bytes: 9,
        sha256: 'ff',
        cacheHit: true,
        engine: 'builtin',
      });
      expect(result).to.deep.equal({
        files: 4,
        bytes: 9,
        sha256: 'ff',
        cacheHit: true,
        engine: 'builtin',
        location: { type: 'URL', url: 'https://bucket/x.zip' },
      });
    });
  });
});
