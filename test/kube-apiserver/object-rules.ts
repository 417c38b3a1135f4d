// Pure rules of the generic registry: what the server sets on create, keeps on update, and
// when metadata.generation moves. No storage here.
import { clone } from './clone.ts';
import { randomInt, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { StatusCause } from './errors.ts';
import { apiVersionOf, type KubeObject, type ObjectMeta, type ResourceType } from './types.ts';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** RFC 3339 with second precision, as metav1.Time serialises. */
export function timestamp(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function generatedName(prefix: string): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += NAME_SUFFIX_ALPHABET[randomInt(NAME_SUFFIX_ALPHABET.length)];
  return `${prefix}${suffix}`;
}

function nameCauses(type: ResourceType, name: string | undefined): StatusCause[] {
  if (!name) {
    return [{ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' }];
  }
  const isNamespace = type.group === '' && type.plural === 'namespaces';
  const ok = isNamespace ? DNS_LABEL.test(name) && name.length <= 63 : DNS_SUBDOMAIN.test(name) && name.length <= 253;
  if (ok) return [];
  const rule = isNamespace
    ? "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"
    : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
  return [{ reason: 'FieldValueInvalid', message: `Invalid value: "${name}": ${rule}`, field: 'metadata.name' }];
}

function labelCauses(labels: Record<string, string> | undefined): StatusCause[] {
  return Object.entries(labels ?? {})
    .filter(([, value]) => typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value))
    .map(([, value]) => ({
      reason: 'FieldValueInvalid',
      message: `Invalid value: "${String(value)}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
      field: 'metadata.labels',
    }));
}

export function metadataCauses(type: ResourceType, meta: ObjectMeta): StatusCause[] {
  return [...nameCauses(type, meta.name), ...labelCauses(meta.labels)];
}

/** The object as served at the requested version: apiVersion and kind first, as the real server writes them. */
export function withTypeMeta(type: ResourceType, obj: KubeObject): KubeObject {
  const { apiVersion: _a, kind: _k, ...rest } = obj;
  return { apiVersion: apiVersionOf(type), kind: type.kind, ...rest } as KubeObject;
}

/** Fields the server owns: a client cannot set them on create. */
export function prepareCreate(type: ResourceType, body: KubeObject, now: Date): KubeObject {
  const obj = clone(body);
  const meta = obj.metadata;
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  meta.uid = randomUUID();
  meta.creationTimestamp = timestamp(now);
  if (type.tracksGeneration) meta.generation = 1;
  else delete meta.generation;
  // Create resets status wherever there is a status subresource (PrepareForCreate in every strategy).
  if (type.hasStatus) delete obj.status;
  type.applyDefaults?.(obj);
  return withTypeMeta(type, obj);
}

const SERVER_OWNED_META = [
  'uid',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'generation',
  'namespace',
  'name',
] as const;

function copyOrDelete(target: Record<string, unknown>, source: Record<string, unknown>, key: string): void {
  if (source[key] === undefined) delete target[key];
  else target[key] = clone(source[key]);
}

/** The candidate of an update to the main resource or to /status, before generation and validation. */
export function prepareUpdate(type: ResourceType, current: KubeObject, body: KubeObject, subresource?: string): KubeObject {
  if (subresource === 'status') {
    const next = clone(current);
    copyOrDelete(next, body, 'status');
    return withTypeMeta(type, next);
  }
  const next = clone(body);
  next.metadata ??= {};
  for (const key of SERVER_OWNED_META) copyOrDelete(next.metadata, current.metadata, key);
  if (type.hasStatus) copyOrDelete(next, current, 'status');
  type.applyDefaults?.(next);
  return withTypeMeta(type, next);
}

function withoutMetaAndStatus(obj: KubeObject): Record<string, unknown> {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return rest;
}

/** Everything but metadata and status is "spec" for generation purposes. */
export function specChanged(before: KubeObject, after: KubeObject): boolean {
  return !isDeepStrictEqual(withoutMetaAndStatus(before), withoutMetaAndStatus(after));
}

export function bumpGenerationIfNeeded(type: ResourceType, current: KubeObject, next: KubeObject): void {
  if (!type.tracksGeneration) return;
  const generation = current.metadata.generation ?? 1;
  next.metadata.generation = specChanged(current, next) ? generation + 1 : generation;
}

/** An update that changes nothing is not written (no new resourceVersion), as on the real server. */
export function isNoop(current: KubeObject, next: KubeObject): boolean {
  const strip = (o: KubeObject): KubeObject => {
    const copy = clone(o);
    delete copy.metadata.resourceVersion;
    delete copy.metadata.managedFields;
    return copy;
  };
  return isDeepStrictEqual(strip(current), strip(next));
}

export function addedFinalizers(current: KubeObject, next: KubeObject): string[] {
  const before = new Set(current.metadata.finalizers ?? []);
  return (next.metadata.finalizers ?? []).filter((f) => !before.has(f));
}
