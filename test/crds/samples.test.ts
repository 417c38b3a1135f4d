import { expect } from 'chai';
import { docConversionValidator, loadSamples } from '../support/docconversion.ts';

const validator = docConversionValidator();

type Spec = Record<string, unknown>;

function conversion(spec: Spec, status?: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'docc2context.io/v1alpha1',
    kind: 'DocConversion',
    metadata: { name: 'x', namespace: 'docs' },
    spec,
    ...(status ? { status } : {}),
  };
}

const urlSource = { url: 'https://example.com/a.zip' };
const expectInvalid = (spec: Spec, pattern: RegExp): void => {
  const result = validator.validate(conversion(spec));
  expect(result.valid, `expected invalid: ${JSON.stringify(spec)}`).to.equal(false);
  expect(result.errors.join('\n')).to.match(pattern);
};

describe('crds/samples', () => {
  const samples = loadSamples();

  it('covers every source kind and every output kind', () => {
    const specs = samples.map((sample) => sample.object.spec as { source: Spec; output?: Spec });
    const sources = new Set(specs.flatMap((spec) => Object.keys(spec.source).filter((key) => key !== 'sha256')));
    const outputs = new Set(specs.flatMap((spec) => Object.keys(spec.output ?? { retain: {} })));
    expect([...sources].sort()).to.deep.equal(['configMap', 'url']);
    expect([...outputs].sort()).to.deep.equal(['configMap', 'retain', 'url']);
  });

  for (const sample of samples) {
    describe(`when ${sample.file} is validated against the CRD`, () => {
      it('is a valid DocConversion (schema and CEL rules)', () => {
        const result = validator.validate(sample.object);
        expect(result.errors).to.deep.equal([]);
        expect(result.valid).to.equal(true);
      });
    });
  }
});

describe('DocConversion schema', () => {
  describe('when optional fields are left out', () => {
    it('defaults output to retain, timeoutSeconds to 600 and retries to 2', () => {
      const { object } = validator.validate(conversion({ source: urlSource }));
      expect(object.spec).to.deep.equal({ source: urlSource, output: { retain: {} }, timeoutSeconds: 600, retries: 2 });
    });
  });

  describe('when the source is ambiguous or missing', () => {
    it('rejects both url and configMap', () => {
      expectInvalid({ source: { ...urlSource, configMap: { name: 'a', key: 'b' } } }, /exactly one of source.url or source.configMap/);
    });
    it('rejects an empty source', () => {
      expectInvalid({ source: {} }, /exactly one of source.url or source.configMap/);
    });
    it('rejects a missing source', () => {
      expectInvalid({}, /must have required property 'source'/);
    });
    it('rejects sha256 on a configMap source, naming the field', () => {
      expectInvalid({ source: { configMap: { name: 'a', key: 'b' }, sha256: 'a'.repeat(64) } }, /^\.spec\.source\.sha256 source.sha256 applies only/m);
    });
  });

  describe('when a URL or digest is malformed', () => {
    for (const url of ['ftp://example.com/a.zip', 'file:///etc/passwd', 'https://user:secret@example.com/a.zip', 'https://', 'example.com/a.zip']) {
      it(`rejects the source url ${url}`, () => expectInvalid({ source: { url } }, /\/spec\/source\/url must match pattern/));
    }
    it('rejects an output url with another scheme', () => {
      expectInvalid({ source: urlSource, output: { url: 'gopher://example.com/' } }, /\/spec\/output\/url must match pattern/);
    });
    it('rejects a sha256 that is not 64 lowercase hex digits', () => {
      expectInvalid({ source: { ...urlSource, sha256: 'ABC' } }, /\/spec\/source\/sha256 must match pattern/);
      expectInvalid({ source: { ...urlSource, sha256: 'A'.repeat(64) } }, /\/spec\/source\/sha256 must match pattern/);
    });
  });

  describe('when more than one output is set', () => {
    it('rejects retain together with url', () => {
      expectInvalid({ source: urlSource, output: { retain: {}, url: 'https://example.com/put' } }, /at most one of output/);
    });
    it('accepts frontMatter with rich, or with no profile (rich is the default)', () => {
      expect(validator.validate(conversion({ source: urlSource, options: { profile: 'rich', frontMatter: true } })).errors).to.deep.equal([]);
      expect(validator.validate(conversion({ source: urlSource, options: { frontMatter: true } })).errors).to.deep.equal([]);
    });
    it('accepts an empty output, which means retain', () => {
      expect(validator.validate(conversion({ source: urlSource, output: {} })).valid).to.equal(true);
    });
  });

  describe('when a number is out of range or an option unknown', () => {
    const cases: [string, Spec, RegExp][] = [
      ['timeoutSeconds 0', { timeoutSeconds: 0 }, /timeoutSeconds must be >= 1/],
      ['timeoutSeconds 1.5', { timeoutSeconds: 1.5 }, /timeoutSeconds must be integer/],
      ['retries 11', { retries: 11 }, /retries must be <= 10/],
      ['a negative ttlSecondsAfterFinished', { ttlSecondsAfterFinished: -1 }, /ttlSecondsAfterFinished must be >= 0/],
      ['a retain ttl under a minute', { output: { retain: { ttlSeconds: 5 } } }, /ttlSeconds must be >= 60/],
      ['profile fancy', { options: { profile: 'fancy' } }, /profile must be equal to one of the allowed values/],
      ['symbolLayout flat', { options: { symbolLayout: 'flat' } }, /symbolLayout must be equal to one of/],
      ['duplicate technologies', { options: { technologies: ['A', 'A'] } }, /technologies must NOT have duplicate items/],
      ['frontMatter with swift-compat', { options: { profile: 'swift-compat', frontMatter: true } }, /frontMatter applies to the rich profile only/],
      ['tutorialLayout with rich', { options: { profile: 'rich', tutorialLayout: 'single' } }, /tutorialLayout applies to the swift-compat profile only/],
      ['tutorialLayout with the default profile (rich)', { options: { tutorialLayout: 'single' } }, /tutorialLayout applies to the swift-compat profile only/],
      ['frontMatter that is not a boolean', { options: { frontMatter: 'yes' } }, /frontMatter must be boolean/],
      ['an unknown field', { timeout: 5 }, /\/spec must NOT have additional properties "timeout"/],
      ['a configMap name with upper case', { source: { configMap: { name: 'Bad', key: 'k' } } }, /configMap\/name must match pattern/],
    ];
    for (const [name, extra, pattern] of cases) {
      it(`rejects ${name}`, () => expectInvalid({ source: urlSource, ...extra }, pattern));
    }
  });

  describe('when the object is updated', () => {
    const created = conversion({ source: urlSource });

    it('rejects any change to spec', () => {
      const changed = conversion({ source: urlSource, retries: 5 });
      const result = validator.validate(changed, created);
      expect(result.valid).to.equal(false);
      expect(result.errors.join('\n')).to.match(/^\.spec spec is immutable/m);
    });

    it('accepts an update that leaves spec as it was (defaults included)', () => {
      const relabelled = { ...conversion({ source: urlSource, timeoutSeconds: 600 }), metadata: { name: 'x', labels: { a: 'b' } } };
      expect(validator.validate(relabelled, created).errors).to.deep.equal([]);
    });

    it('accepts a status written by the operator', () => {
      const status = {
        phase: 'Succeeded',
        observedGeneration: 1,
        attempts: 1,
        startTime: '2026-01-01T00:00:00Z',
        completionTime: '2026-01-01T00:00:02Z',
        duration: '2s',
        conditions: [{ type: 'Succeeded', status: 'True', reason: 'Converted', message: 'Converted 12 files', lastTransitionTime: '2026-01-01T00:00:02Z', observedGeneration: 1 }],
        result: { files: 12, bytes: 3456, sha256: 'b'.repeat(64), cacheHit: false, engine: 'builtin', durationMs: 1500, counts: { symbols: 10 }, location: { type: 'Retained', path: '/api/v1/conversions/abc/result.zip', expiresAt: '2026-01-02T00:00:02Z' } },
      };
      expect(validator.validate(conversion({ source: urlSource }, status), created).errors).to.deep.equal([]);
    });

    it('rejects two conditions of the same type', () => {
      const condition = { type: 'Succeeded', status: 'Unknown', reason: 'Running', message: '', lastTransitionTime: '2026-01-01T00:00:00Z' };
      const result = validator.validate(conversion({ source: urlSource }, { conditions: [condition, condition] }));
      expect(result.errors.join('\n')).to.match(/\/status\/conditions must pass "listMapKeys" keyword validation/);
    });
  });
});
