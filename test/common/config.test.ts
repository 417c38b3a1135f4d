import { expect } from 'chai';
import { ConfigError, EnvReader } from '../../common/config.ts';

describe('EnvReader', () => {
  describe('when every variable is valid', () => {
    it('returns the parsed values, frozen', () => {
      const reader = new EnvReader({ PORT: '9090', DEBUG: 'true', MODE: 'b', LIST: 'a, b,,c' });
      const config = reader.done({
        port: reader.int('PORT', { default: 8080, min: 1, max: 65535 }),
        debug: reader.bool('DEBUG', false),
        mode: reader.oneOf('MODE', ['a', 'b'] as const, 'a'),
        list: reader.list('LIST', []),
        fallback: reader.string('MISSING', 'dflt'),
      });
      expect(config).to.deep.equal({ port: 9090, debug: true, mode: 'b', list: ['a', 'b', 'c'], fallback: 'dflt' });
      expect(Object.isFrozen(config)).to.equal(true);
      expect(Object.isFrozen(config.list)).to.equal(true);
    });
  });

  describe('when several variables are invalid', () => {
    it('reports every bad variable by name in one error', () => {
      const reader = new EnvReader({ PORT: 'eighty', DEBUG: 'maybe', MODE: 'z', URL: 'ftp://x' });
      reader.int('PORT', { default: 1 });
      reader.bool('DEBUG', false);
      reader.oneOf('MODE', ['a', 'b'] as const, 'a');
      reader.url('URL');
      let caught: unknown;
      try {
        reader.done({});
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(ConfigError);
      const problems = (caught as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'DEBUG', 'MODE', 'URL']) expect(problems).to.contain(name);
    });

    it('rejects integers outside their range', () => {
      const reader = new EnvReader({ PORT: '70000' });
      reader.int('PORT', { default: 8080, min: 1, max: 65535 });
      expect(() => reader.done({})).to.throw(ConfigError, /PORT must be between 1 and 65535/);
    });
  });
});
