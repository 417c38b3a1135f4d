import { expect } from 'chai';
import { buildSwiftArgs, parseSummaryLine } from '../../../converter/runner/swift-cli.ts';
import { expectAppError } from '../../support/app-error.ts';

describe('buildSwiftArgs', () => {
  describe('when no options are given', () => {
    it('passes the input, --output and --force only', () => {
      expect(buildSwiftArgs('/ws/in/A.doccarchive', '/ws/out', {})).to.deep.equal([
        '/ws/in/A.doccarchive',
        '--output',
        '/ws/out',
        '--force',
      ]);
    });
  });

  describe('when every option is given', () => {
    it('adds each as its own argv element, one --technology per value', () => {
      const args = buildSwiftArgs('in', 'out', {
        profile: 'swift-compat',
        symbolLayout: 'single',
        tutorialLayout: 'single',
        technologies: ['A B', 'c;d'],
      });
      expect(args).to.deep.equal([
        'in',
        '--output',
        'out',
        '--force',
        '--symbol-layout',
        'single',
        '--tutorial-layout',
        'single',
        '--technology',
        'A B',
        '--technology',
        'c;d',
      ]);
    });
  });

  describe('when a technology value starts with a dash', () => {
    it('refuses it as BAD_REQUEST', async () => {
      await expectAppError(() => buildSwiftArgs('in', 'out', { technologies: ['-rf'] }), 'BAD_REQUEST');
    });
  });
});

describe('parseSummaryLine', () => {
  describe('when stdout holds the success line', () => {
    it('reads the four counts', () => {
      const stdout = 'Generated 1 tutorial volume(s), 12 chapter(s), 3 reference article(s), and 456 symbol(s) into /tmp/out.\n';
      expect(parseSummaryLine(stdout)).to.deep.equal({ volumes: 1, chapters: 12, articles: 3, symbols: 456, tutorials: 0 });
    });
  });

  describe('when stdout is anything else', () => {
    for (const stdout of ['', 'Generated stuff', 'garbage\u0000\u00ff', 'Generated 1 tutorial volume(s) into x.']) {
      it(`returns undefined for ${JSON.stringify(stdout)}`, () => {
        expect(parseSummaryLine(stdout)).to.equal(undefined);
      });
    }
  });
});
