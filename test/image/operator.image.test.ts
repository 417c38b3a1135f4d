// The operator and the entry point as the image runs them: `operator --help`, a bad configuration
// refused with every bad setting named, and the entry point's usage errors. Run by `make test-image`.
import { expect } from 'chai';
import { renderHelp } from '../../operator/help.ts';
import { requireImage, runImage } from './support/podman.ts';

describe('image: the operator command', function () {
  this.timeout(120_000);
  before(requireImage);

  describe('when run with --help', () => {
    it('prints the help for every variable and flag and exits 0', async () => {
      const result = await runImage(['operator', '--help']);
      expect(result.code, result.stderr).to.equal(0);
      expect(result.stdout).to.equal(renderHelp());
    });
  });

  describe('when its configuration is invalid', () => {
    it('exits 2 naming every bad setting, from the environment and from flags', async () => {
      const result = await runImage(
        ['operator', '--probe-port=eighty', '--no-such-flag'],
        ['--env', 'DISPATCH_CONCURRENCY=0', '--env', 'LOG_LEVEL=loud'],
      );
      expect(result.code).to.equal(2);
      for (const named of ['DISPATCH_CONCURRENCY', 'LOG_LEVEL', 'PROBE_PORT', '--no-such-flag']) expect(result.stderr).to.include(named);
      expect(result.stdout).to.equal('');
    });
  });
});

describe('image: the entry point', function () {
  this.timeout(120_000);
  before(requireImage);

  for (const args of [['bogus'], ['converter', '--port=1']]) {
    describe(`when given ${JSON.stringify(args)}`, () => {
      it('refuses with exit code 64 and a usage line', async () => {
        const result = await runImage(args);
        expect(result.code).to.equal(64);
        expect(result.stderr).to.match(/usage|takes no arguments/);
      });
    });
  }
});
