import { expect } from 'chai';
import { nestDottedKeys } from '../../common/nested-fields.ts';

describe('nestDottedKeys', () => {
  describe('when a record mixes dotted keys and nested objects', () => {
    it('merges the dotted keys into the objects, leaving no dotted key', () => {
      const record: Record<string, unknown> = {
        '@timestamp': 't',
        'log.level': 'info',
        'service.name': 'svc',
        service: { version: '1' },
        http: { request: { id: 'r' } },
      };
      nestDottedKeys(record);
      expect(record).to.deep.equal({
        '@timestamp': 't',
        log: { level: 'info' },
        service: { name: 'svc', version: '1' },
        http: { request: { id: 'r' } },
      });
    });
  });

  describe('when a dotted key would descend into a scalar of the same name', () => {
    it('keeps the scalar as `value` beside the new field', () => {
      const record: Record<string, unknown> = { event: 'x', 'event.dataset': 'svc' };
      nestDottedKeys(record);
      expect(record).to.deep.equal({ event: { value: 'x', dataset: 'svc' } });
    });
  });
});
