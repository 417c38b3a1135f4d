// The chart's generated files: its CRD copy is byte-identical to crds/, its README matches
// values.yaml's comments, and every value is documented (make chart regenerates them).
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chartReadme, documentedValues, undocumentedValues } from '../../../scripts/chart-values-doc.ts';
import { CHART, CHART_CRD, CRD_SOURCE, generatedChartFiles } from '../../../scripts/gen-chart.ts';

const VALUES = readFileSync(path.join(CHART, 'values.yaml'), 'utf8');

describe('charts/docc2context generated files', () => {
  it("keeps the chart's CRD byte-identical to crds/docconversion.yaml", () => {
    expect(readFileSync(CHART_CRD).equals(readFileSync(CRD_SOURCE)), 'run make chart').to.equal(true);
  });

  it('keeps README.md in step with the comments of values.yaml', () => {
    for (const { file, content } of generatedChartFiles()) expect(readFileSync(file, 'utf8'), `${path.basename(file)}: run make chart`).to.equal(content);
  });

  it('documents every value with a "# --" comment', () => {
    expect(undocumentedValues(VALUES)).to.deep.equal([]);
  });

  describe('the values reference', () => {
    it('lists each documented key with its type, default and description', () => {
      const text = 'a:\n  # -- The b.\n  b: 2\n# -- A list.\nc: [x]\nd:\n  e: true\n';
      expect(documentedValues(text)).to.deep.equal([
        { key: 'a.b', type: 'int', default: '2', description: 'The b.' },
        { key: 'c', type: 'list', default: '["x"]', description: 'A list.' },
      ]);
      expect(undocumentedValues(text)).to.deep.equal(['d.e']);
      expect(chartReadme(text, '# T')).to.include('| `a.b` | int | `2` | The b. |');
    });

    it('treats a documented map as documenting the values under it', () => {
      expect(undocumentedValues('# -- Resources.\nr:\n  limits:\n    cpu: 1\n')).to.deep.equal([]);
    });
  });
});
