import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import { OPERATOR_VARIABLES, flagFor } from '../../operator/config.ts';
import { isHelpRequest, renderHelp } from '../../operator/help.ts';
import { REPO_ROOT } from '../support/paths.ts';

describe('operator help', () => {
  describe('isHelpRequest', () => {
    it('is true when --help or -h appears anywhere, whatever else is given', () => {
      expect(isHelpRequest(['--help'])).to.equal(true);
      expect(isHelpRequest(['--bogus', '-h', '--probe-port=x'])).to.equal(true);
    });

    it('is false for other arguments, including look-alikes', () => {
      expect(isHelpRequest([])).to.equal(false);
      expect(isHelpRequest(['--helpful', '--log-level', 'help', '-H'])).to.equal(false);
    });
  });

  describe('when rendered from OPERATOR_VARIABLES', () => {
    const text = renderHelp();
    const lines = text.split('\n');

    it('lists every variable with its flag, followed by a one-line description', () => {
      for (const variable of OPERATOR_VARIABLES) {
        const at = lines.indexOf(`  ${flagFor(variable)}  ${variable}`);
        expect(at, variable).to.be.greaterThan(-1);
        expect(lines[at + 1], variable).to.match(/^ {6}\S.*\S$/);
      }
    });
  });

  describe('when a variable has no description yet', () => {
    it('still lists it, pointing to the configuration docs', () => {
      const text = renderHelp(['LOG_LEVEL', 'POOL_SOMETHING_NEW'], { LOG_LEVEL: 'levels' });
      expect(text).to.include('  --pool-something-new  POOL_SOMETHING_NEW\n      see docs/configuration-operator.md\n');
      expect(text).to.include('  --log-level  LOG_LEVEL\n      levels\n');
    });
  });

  describe('when the operator is started with --help', () => {
    it('prints the help on stdout and exits 0 without reading its configuration', () => {
      const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'operator/main.ts'), '--probe-port=nope', '--help'], {
        env: { PATH: process.env.PATH ?? '', DISPATCH_CONCURRENCY: '0' },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(result.status, result.stderr).to.equal(0);
      expect(result.stdout).to.equal(renderHelp());
      expect(result.stderr).to.equal('');
    });
  });
});
