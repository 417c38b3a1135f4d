// Table answers (meta.k8s.io/v1 Table), which `kubectl get` asks for with
// `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`. Custom resources: Name, then the served
// version's additionalPrinterColumns evaluated as the apiextensions table convertor does (first
// JSONPath result; `date` columns as a human age; missing values as null). Built-in kinds: Name and
// Age only (the real server prints kind-specific columns, e.g. ConfigMap's Data; not modelled).
import { JSONPath } from 'jsonpath-plus';
import type { IncomingMessage } from 'node:http';
import type { KubeObject, PrinterColumn, ResourceType } from '../types.ts';

const NAME_COLUMN = { name: 'Name', type: 'string', format: 'name', priority: 0, description: 'Name must be unique within a namespace.' };
const AGE_COLUMN: PrinterColumn = {
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
  description: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
};

/** True when the client accepts a meta.k8s.io/v1 Table (the first media type it lists). */
export function wantsTable(request: IncomingMessage): boolean {
  const first = (request.headers.accept ?? '').split(',')[0].replace(/\s/g, '');
  return first.startsWith('application/json') && first.includes('as=Table') && first.includes('g=meta.k8s.io') && first.includes('v=v1');
}

/** A Go duration.HumanDuration-like age: 42s, 5m, 3h, 2d. */
export function humanAge(since: Date, now: Date): string {
  const seconds = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 1000));
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 120 * 60) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 48 * 3600) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}

function cell(column: PrinterColumn, obj: KubeObject, now: Date): unknown {
  const results = JSONPath({ path: `$${column.jsonPath}`, json: obj, wrap: true }) as unknown[];
  if (results.length === 0 || results[0] === undefined || results[0] === null) return null;
  const value = results[0];
  if (column.type === 'date') return typeof value === 'string' ? humanAge(new Date(value), now) : '<invalid>';
  if (column.type === 'string') return typeof value === 'string' ? value : JSON.stringify(value);
  return value;
}

function columnsOf(type: ResourceType): PrinterColumn[] {
  return type.custom ? (type.printerColumns ?? [AGE_COLUMN]) : [AGE_COLUMN];
}

/** The Table for these objects (one for a get, the items for a list), rows carrying their metadata. */
export function tableOf(
  type: ResourceType,
  objects: KubeObject[],
  list: { resourceVersion?: string; continue?: string },
  now: Date,
): Record<string, unknown> {
  const columns = columnsOf(type);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: list.resourceVersion, ...(list.continue ? { continue: list.continue } : {}) },
    columnDefinitions: [
      NAME_COLUMN,
      ...columns.map((c) => ({
        name: c.name,
        type: c.type,
        format: c.format ?? '',
        description: c.description ?? '',
        priority: c.priority ?? 0,
      })),
    ],
    rows: objects.map((obj) => ({
      cells: [obj.metadata.name, ...columns.map((c) => cell(c, obj, now))],
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata },
    })),
  };
}
