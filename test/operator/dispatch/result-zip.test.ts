import { expect } from 'chai';
import { readMarkdownFiles } from '../../../operator/dispatch/result-zip.ts';
import { zipBuffer } from '../../support/zip.ts';

describe('readMarkdownFiles', () => {
  describe('when the result zip holds Markdown, llms.txt and other files', () => {
    it('keeps the Markdown files and llms.txt, and drops the rest', async () => {
      const zip = await zipBuffer({
        'index.md': '# Index',
        'llms.txt': '# Kit',
        'markdown/documentation/kit/index.md': '# Kit',
        'linkgraph/adjacency.json': '{}',
        'markdown/': '',
      });
      const files = await readMarkdownFiles(zip, 1024 * 1024);
      expect([...files.keys()].sort()).to.deep.equal(['index.md', 'llms.txt', 'markdown/documentation/kit/index.md']);
      expect(files.get('llms.txt')).to.equal('# Kit');
    });
  });

  describe('when the kept files pass the cap', () => {
    it('fails with OUTPUT_TOO_LARGE', async () => {
      const zip = await zipBuffer({ 'llms.txt': 'x'.repeat(2048) });
      const error = await readMarkdownFiles(zip, 1024).then(() => undefined, (caught: { code?: string }) => caught);
      expect(error?.code).to.equal('OUTPUT_TOO_LARGE');
    });
  });
});
