import { expect } from 'chai';
import { lastLine, sanitizeMessage } from '../../../converter/runner/sanitize.ts';

describe('sanitizeMessage', () => {
  const aliases = [
    { path: '/tmp/ws-1/input/Demo.doccarchive', alias: 'Demo.doccarchive' },
    { path: '/tmp/ws-1', alias: 'workspace' },
  ];

  describe('when the text names local paths', () => {
    it('replaces the longest path first and every occurrence', () => {
      const text = "File '/tmp/ws-1/input/Demo.doccarchive/data/x.json' is bad; see /tmp/ws-1/log and /tmp/ws-1/input/Demo.doccarchive.";
      expect(sanitizeMessage(text, aliases)).to.equal(
        "File 'Demo.doccarchive/data/x.json' is bad; see workspace/log and Demo.doccarchive.",
      );
    });
  });

  describe('when the text has control characters or is very long', () => {
    it('drops the control characters and caps the length', () => {
      expect(sanitizeMessage('a\u0000b\u001b[31mc', [])).to.equal('ab[31mc');
      const capped = sanitizeMessage('x'.repeat(2000), [], 100);
      expect(capped).to.have.length(100);
      expect(capped.endsWith('…')).to.equal(true);
    });
  });
});

describe('lastLine', () => {
  it('returns the last non-empty line', () => {
    expect(lastLine('first\nsecond\n\n  \n')).to.equal('second');
    expect(lastLine('')).to.equal('');
  });
});
