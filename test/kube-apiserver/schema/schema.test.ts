import { expect } from 'chai';
import { applyDefaults, listMapKeysOf, prune } from './defaults-prune.ts';
import { toJsonSchema, type JsonSchemaNode } from './structural.ts';
import { fieldPath } from './validator.ts';

describe('structural schemas', () => {
  describe('when translated to JSON Schema', () => {
    it('maps int-or-string, nullable and OpenAPI v3.0 exclusive bounds', () => {
      expect(toJsonSchema({ 'x-kubernetes-int-or-string': true })).to.deep.equal({ anyOf: [{ type: 'integer' }, { type: 'string' }] });
      expect(toJsonSchema({ type: 'string', nullable: true, enum: ['a'] })).to.deep.equal({ type: ['string', 'null'], enum: ['a', null] });
      expect(toJsonSchema({ type: 'integer', minimum: 0, exclusiveMinimum: true })).to.deep.equal({ type: 'integer', exclusiveMinimum: 0 });
    });

    it('drops formats Kubernetes does not check, and descriptions', () => {
      expect(toJsonSchema({ type: 'string', format: 'quantity', description: 'd' })).to.deep.equal({ type: 'string' });
      expect(toJsonSchema({ type: 'string', format: 'date-time' })).to.deep.equal({ type: 'string', format: 'date-time' });
    });
  });

  describe('when an object is pruned and defaulted', () => {
    const schema: JsonSchemaNode = {
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          properties: {
            keep: { type: 'string', default: 'd' },
            free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
            map: { type: 'object', additionalProperties: { type: 'object', properties: { v: { type: 'integer', default: 1 } } } },
          },
        },
      },
    };

    it('removes unknown fields, keeps preserved ones and type meta at the root', () => {
      const obj = {
        apiVersion: 'x/v1',
        kind: 'X',
        metadata: { name: 'n' },
        junk: 1,
        spec: { keep: 'k', drop: 1, free: { any: { thing: 1 } }, map: { a: { v: 2, z: 1 } } },
      };
      prune(obj, schema, true);
      expect(obj).to.deep.equal({
        apiVersion: 'x/v1',
        kind: 'X',
        metadata: { name: 'n' },
        spec: { keep: 'k', free: { any: { thing: 1 } }, map: { a: { v: 2 } } },
      });
    });

    it('fills defaults where the parent exists, including map values', () => {
      const obj: Record<string, unknown> = { spec: { map: { a: {} } } };
      applyDefaults(obj, schema);
      expect(obj).to.deep.equal({ spec: { keep: 'd', map: { a: { v: 1 } } } });
      const empty: Record<string, unknown> = {};
      applyDefaults(empty, schema);
      expect(empty).to.deep.equal({});
    });

    it('finds associative lists and their keys', () => {
      const lists = listMapKeysOf({
        properties: {
          status: {
            properties: {
              conditions: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['type'], items: {} },
            },
          },
        },
      });
      expect(lists).to.deep.equal({ conditions: ['type'] });
    });
  });

  describe('when an ajv instance path is turned into a field path', () => {
    it('uses dots for fields and brackets for indices', () => {
      expect(fieldPath('/spec/parts/0/name')).to.equal('spec.parts[0].name');
      expect(fieldPath('')).to.equal('');
    });
  });
});
