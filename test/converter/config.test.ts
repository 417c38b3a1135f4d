import { expect } from 'chai';
import { ConfigError } from '../../common/config.ts';
import { loadConfig } from '../../converter/config.ts';

describe('converter loadConfig', () => {
  describe('when nothing is set', () => {
    it('gives the documented defaults, frozen', () => {
      const config = loadConfig({});
      expect(config).to.include({
        port: 8080,
        workers: 2,
        queueSize: 8,
        engine: 'auto',
        swiftBinary: 'docc2context',
        logLevel: 'info',
        conversionTimeoutMs: 60_000,
      });
      expect(config.limits).to.include({ maxUploadBytes: 100 * 1024 * 1024, maxUncompressedBytes: 500 * 1024 * 1024, maxEntries: 20_000 });
      expect(config.corsOrigins).to.deep.equal([]);
      expect(config.trustProxy).to.equal(false);
      expect(config.elasticsearch).to.equal(undefined);
      expect(Object.isFrozen(config.limits)).to.equal(true);
    });
  });

  describe('when variables are set', () => {
    it('parses them, accepting an upper-case LOG_LEVEL and comma lists', () => {
      const config = loadConfig({
        PORT: '9000',
        LOG_LEVEL: 'DEBUG',
        ENGINE: 'builtin',
        WORKERS: '4',
        CORS_ORIGINS: 'https://a.example, http://b.example:8080',
        ELASTICSEARCH_URL: 'http://es:9200',
        TRUST_PROXY: '1',
        MAX_UPLOAD_SIZE_MB: '10',
        CONVERSION_TIMEOUT_SECONDS: '5',
      });
      expect(config).to.include({ port: 9000, logLevel: 'debug', engine: 'builtin', workers: 4, trustProxy: 1, conversionTimeoutMs: 5000 });
      expect(config.corsOrigins).to.deep.equal(['https://a.example', 'http://b.example:8080']);
      expect(config.elasticsearch).to.deep.equal({ url: 'http://es:9200', index: 'docc2context-converter' });
      expect(config.limits.maxUploadBytes).to.equal(10 * 1024 * 1024);
    });
  });

  describe('when variables are invalid', () => {
    it('reports every problem by variable name at once', () => {
      let caught: unknown;
      try {
        loadConfig({
          PORT: 'x',
          ENGINE: 'python',
          CORS_ORIGINS: '*',
          WORKSPACE_PREFIX: '../x',
          CONVERSION_TIMEOUT_SECONDS: '600',
          REQUEST_TIMEOUT_SECONDS: '60',
        });
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(ConfigError);
      const text = (caught as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'ENGINE', 'CORS_ORIGINS', 'WORKSPACE_PREFIX', 'REQUEST_TIMEOUT_SECONDS']) expect(text).to.contain(name);
    });
  });
});
