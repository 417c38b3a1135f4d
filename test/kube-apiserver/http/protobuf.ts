// Request bodies in Kubernetes protobuf (`application/vnd.kubernetes.protobuf`), which client-go's
// typed clients send for built-in kinds (e.g. `kubectl create configmap`). The envelope is the
// magic `k8s\0` then a runtime.Unknown {typeMeta, raw}; raw is the kind's generated message.
// Decoded here: ConfigMap and Secret with the ObjectMeta fields a client sets (field numbers from
// k8s.io/api/core/v1/generated.proto and apimachinery's meta/v1/generated.proto). Other kinds are
// refused with 415, which the real server never does; see test/README.md.
import { unsupportedMediaType } from '../errors.ts';

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

type Field = { number: number; value: bigint | Buffer };

/** The fields of one message, in order (varints as bigint, length-delimited as Buffer). */
export function readFields(bytes: Buffer): Field[] {
  const fields: Field[] = [];
  let offset = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (offset >= bytes.length) throw new Error('truncated varint');
      const byte = bytes[offset++];
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
    }
  };
  while (offset < bytes.length) {
    const key = Number(varint());
    const wire = key & 7;
    if (wire === 0) fields.push({ number: key >> 3, value: varint() });
    else if (wire === 2) {
      const length = Number(varint());
      if (offset + length > bytes.length) throw new Error('truncated field');
      fields.push({ number: key >> 3, value: bytes.subarray(offset, (offset += length)) });
    } else if (wire === 1 || wire === 5) offset += wire === 1 ? 8 : 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
  return fields;
}

const text = (value: bigint | Buffer): string => (Buffer.isBuffer(value) ? value.toString('utf8') : String(value));
const bytesOf = (value: bigint | Buffer): Buffer => (Buffer.isBuffer(value) ? value : Buffer.alloc(0));

/** A map<string, string|bytes> entry: key = 1, value = 2. */
function mapEntry(entry: Buffer, binary: boolean): [string, string] {
  const fields = readFields(entry);
  const key = fields.find((f) => f.number === 1)?.value ?? Buffer.alloc(0);
  const value = fields.find((f) => f.number === 2)?.value ?? Buffer.alloc(0);
  return [text(key), binary ? bytesOf(value).toString('base64') : text(value)];
}

function addEntry(target: Record<string, unknown>, field: string, entry: [string, string]): void {
  const map = (target[field] ??= {}) as Record<string, string>;
  map[entry[0]] = entry[1];
}

const META_STRINGS: Record<number, string> = { 1: 'name', 2: 'generateName', 3: 'namespace', 6: 'resourceVersion' };
const META_MAPS: Record<number, string> = { 11: 'labels', 12: 'annotations' };

function objectMeta(bytes: Buffer): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  for (const { number, value } of readFields(bytes)) {
    if (META_STRINGS[number]) meta[META_STRINGS[number]] = text(value);
    else if (META_MAPS[number]) addEntry(meta, META_MAPS[number], mapEntry(bytesOf(value), false));
    else if (number === 14) ((meta.finalizers ??= []) as string[]).push(text(value));
  }
  return meta;
}

// Per kind: which field number is which (s: string, b: bool, m: map<string,string>, B: map<string,bytes>).
const LAYOUTS: Record<string, Record<number, [string, 's' | 'b' | 'm' | 'B']>> = {
  ConfigMap: { 2: ['data', 'm'], 3: ['binaryData', 'B'], 4: ['immutable', 'b'] },
  Secret: { 2: ['data', 'B'], 3: ['type', 's'], 4: ['stringData', 'm'], 5: ['immutable', 'b'] },
};

function decodeKind(kind: string, raw: Buffer): Record<string, unknown> {
  const layout = LAYOUTS[kind];
  const obj: Record<string, unknown> = { metadata: {} };
  for (const { number, value } of readFields(raw)) {
    const [field, shape] = layout[number] ?? [];
    if (number === 1) obj.metadata = objectMeta(bytesOf(value));
    else if (shape === 'm' || shape === 'B') addEntry(obj, field as string, mapEntry(bytesOf(value), shape === 'B'));
    else if (shape === 's') obj[field as string] = text(value);
    else if (shape === 'b') obj[field as string] = value === 1n;
  }
  return obj;
}

/** Decodes a protobuf-encoded object of a kind we model; throws 415 for any other. */
export function decodeProtobuf(body: Buffer): Record<string, unknown> {
  if (!body.subarray(0, 4).equals(MAGIC)) throw new Error('missing the k8s protobuf magic prefix');
  const unknown = readFields(body.subarray(4));
  const typeMeta = readFields(bytesOf(unknown.find((f) => f.number === 1)?.value ?? Buffer.alloc(0)));
  const apiVersion = text(typeMeta.find((f) => f.number === 1)?.value ?? Buffer.alloc(0));
  const kind = text(typeMeta.find((f) => f.number === 2)?.value ?? Buffer.alloc(0));
  if (apiVersion !== 'v1' || !LAYOUTS[kind]) throw unsupportedMediaType(PROTOBUF);
  return { apiVersion, kind, ...decodeKind(kind, bytesOf(unknown.find((f) => f.number === 2)?.value ?? Buffer.alloc(0))) };
}
