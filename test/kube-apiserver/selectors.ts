// Label selectors (=, ==, !=, in, notin, exists, !exists) and field selectors (=, ==, !=) as
// parsed by k8s.io/apimachinery, turned into predicates over objects.
import { badRequest } from './errors.ts';
import type { KubeObject } from './types.ts';

export type ObjectPredicate = (obj: KubeObject) => boolean;

type Requirement = (labels: Record<string, string>) => boolean;

const SET_RE = /^([A-Za-z0-9_./-]+)\s+(in|notin)\s+\(([^)]*)\)$/;
const EQ_RE = /^([A-Za-z0-9_./-]+)\s*(==|!=|=)\s*([A-Za-z0-9_.-]*)$/;
const EXISTS_RE = /^(!?)\s*([A-Za-z0-9_./-]+)$/;

/** Splits on commas that are not inside parentheses. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim() !== '') terms.push(current.trim());
  return terms;
}

function parseLabelTerm(term: string): Requirement {
  const set = SET_RE.exec(term);
  if (set) {
    const [, key, op, rawValues] = set;
    const values = new Set(rawValues.split(',').map((v) => v.trim()));
    return op === 'in' ? (labels) => key in labels && values.has(labels[key]) : (labels) => !(key in labels) || !values.has(labels[key]);
  }
  const eq = EQ_RE.exec(term);
  if (eq) {
    const [, key, op, value] = eq;
    return op === '!=' ? (labels) => labels[key] !== value : (labels) => labels[key] === value;
  }
  const exists = EXISTS_RE.exec(term);
  if (exists) {
    const [, bang, key] = exists;
    return bang ? (labels) => !(key in labels) : (labels) => key in labels;
  }
  throw badRequest(`unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=, gt, lt`);
}

export function parseLabelSelector(selector: string | undefined): ObjectPredicate {
  if (!selector) return () => true;
  const requirements = splitTerms(selector).map(parseLabelTerm);
  return (obj) => {
    const labels = obj.metadata.labels ?? {};
    return requirements.every((r) => r(labels));
  };
}

function fieldValue(obj: KubeObject, path: string): string {
  let node: unknown = obj;
  for (const part of path.split('.')) {
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  }
  return node === undefined || node === null ? '' : String(node);
}

/** Field selectors: metadata.name, metadata.namespace and the kind's extra fields. */
export function parseFieldSelector(selector: string | undefined, extraFields: readonly string[]): ObjectPredicate {
  if (!selector) return () => true;
  const allowed = new Set(['metadata.name', 'metadata.namespace', ...extraFields]);
  const tests = splitTerms(selector).map((term): ObjectPredicate => {
    const match = /^([A-Za-z0-9_.]+)\s*(==|!=|=)\s*(.*)$/.exec(term);
    if (!match) throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    const [, field, op, value] = match;
    if (!allowed.has(field)) throw badRequest(`field label not supported: ${field}`);
    return op === '!=' ? (obj) => fieldValue(obj, field) !== value : (obj) => fieldValue(obj, field) === value;
  });
  return (obj) => tests.every((t) => t(obj));
}
