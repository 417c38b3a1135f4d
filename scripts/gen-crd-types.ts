// Generates operator/api/docconversion.generated.ts from crds/docconversion.yaml, the single
// source of the DocConversion schema. `make crd-types` writes the file; `--check` exits 1 when
// the committed file has drifted (test/crds/crd-types.test.ts does the same in the unit tests).
//
// Naming: the root is DocConversion; spec/status children are DocConversion<Prop>; deeper
// objects are <Parent><Prop>; array items take the singular of the array's name.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';

export interface StructuralSchema {
  type?: string;
  description?: string;
  properties?: Record<string, StructuralSchema>;
  required?: string[];
  items?: StructuralSchema;
  enum?: unknown[];
  default?: unknown;
  format?: string;
  additionalProperties?: StructuralSchema | boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
}

interface CrdDocument {
  spec: {
    names: { kind: string; listKind: string };
    group: string;
    versions: { name: string; storage?: boolean; schema: { openAPIV3Schema: StructuralSchema } }[];
  };
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CRD_PATH = path.join(ROOT, 'crds/docconversion.yaml');
export const TYPES_PATH = path.join(ROOT, 'operator/api/docconversion.generated.ts');
const WRAP = 96;

const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);
const singular = (name: string): string => (name.endsWith('s') ? name.slice(0, -1) : name);
const literal = (value: unknown): string =>
  typeof value === 'string' ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : JSON.stringify(value);

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.trim().split(/\s+/)) {
    if (line !== '' && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function docComment(schema: StructuralSchema, indent: string): string[] {
  const parts: string[] = [];
  if (schema.description) parts.push(...wrap(schema.description, WRAP - indent.length));
  if (schema.default !== undefined) parts.push(`@default ${JSON.stringify(schema.default)}`);
  if (parts.length === 0) return [];
  if (parts.length === 1) return [`${indent}/** ${parts[0]} */`];
  return [`${indent}/**`, ...parts.map((part) => `${indent} * ${part}`), `${indent} */`];
}

class Emitter {
  private readonly declarations: string[] = [];
  private readonly names = new Set<string>();
  private readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  render(): string {
    return this.declarations.join('\n\n');
  }

  /** The TypeScript type of a schema node; object nodes become named interfaces. */
  typeOf(schema: StructuralSchema, name: string): string {
    if (schema.enum) return schema.enum.map(literal).join(' | ');
    switch (schema.type) {
      case 'string':
        return 'string';
      case 'integer':
      case 'number':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'array':
        return `${this.arrayItemType(schema, name)}[]`;
      case 'object':
        return this.objectType(schema, name);
      default:
        return 'unknown';
    }
  }

  private arrayItemType(schema: StructuralSchema, name: string): string {
    const item = this.typeOf(schema.items ?? {}, singular(name));
    return item.includes(' ') ? `(${item})` : item;
  }

  private objectType(schema: StructuralSchema, name: string): string {
    if (!schema.properties) {
      const values = typeof schema.additionalProperties === 'object' ? this.typeOf(schema.additionalProperties, `${name}Value`) : 'unknown';
      return `Record<string, ${values}>`;
    }
    this.declareInterface(schema, name);
    return name;
  }

  private childName(parent: string, property: string): string {
    const isTopLevel = parent === `${this.root}Spec` || parent === `${this.root}Status`;
    return `${isTopLevel ? this.root : parent}${pascal(property)}`;
  }

  private declareInterface(schema: StructuralSchema, name: string): void {
    if (this.names.has(name)) throw new Error(`Two schema objects map to the type name ${name}`);
    this.names.add(name);
    const index = this.declarations.push('') - 1;
    const required = new Set(schema.required ?? []);
    const lines = [...docComment(schema, ''), `export interface ${name} {`];
    for (const [property, child] of Object.entries(schema.properties ?? {})) {
      const type = this.typeOf(child, this.childName(name, property));
      lines.push(...docComment(child, '  '), `  ${property}${required.has(property) ? '' : '?'}: ${type};`);
    }
    lines.push('}');
    this.declarations[index] = lines.join('\n');
  }
}

/** Pure: the generated TypeScript source for a CRD document (YAML text). */
export function renderCrdTypes(crdYaml: string): string {
  const crd = parse(crdYaml) as CrdDocument;
  const { kind, listKind } = crd.spec.names;
  const version = crd.spec.versions.find((candidate) => candidate.storage) ?? crd.spec.versions[0];
  const schema = structuredClone(version.schema.openAPIV3Schema);
  const apiVersion = `${crd.spec.group}/${version.name}`;
  // TypeMeta and ObjectMeta are Kubernetes' own; give them precise types instead of the CRD's bare ones.
  schema.properties = { ...schema.properties };
  delete schema.properties.apiVersion;
  delete schema.properties.kind;
  delete schema.properties.metadata;
  const emitter = new Emitter(kind);
  emitter.typeOf(schema, kind);
  const body = emitter
    .render()
    .replace(
      `export interface ${kind} {`,
      `export interface ${kind} {\n  apiVersion?: '${apiVersion}';\n  kind?: '${kind}';\n  metadata?: V1ObjectMeta;`,
    );
  return [
    `// Code generated by scripts/gen-crd-types.ts from crds/docconversion.yaml; DO NOT EDIT. Run \`make crd-types\`.`,
    `import type { V1ListMeta, V1ObjectMeta } from '@kubernetes/client-node';`,
    '',
    body,
    '',
    `export interface ${listKind} {`,
    `  apiVersion?: '${apiVersion}';`,
    `  kind?: '${listKind}';`,
    '  metadata?: V1ListMeta;',
    `  items: ${kind}[];`,
    '}',
    '',
  ].join('\n');
}

function main(argv: readonly string[]): number {
  const source = renderCrdTypes(readFileSync(CRD_PATH, 'utf8'));
  if (argv.includes('--check')) {
    const current = readFileSync(TYPES_PATH, 'utf8');
    if (current === source) return 0;
    console.error(`${path.relative(ROOT, TYPES_PATH)} is out of date: run make crd-types`);
    return 1;
  }
  writeFileSync(TYPES_PATH, source);
  console.log(`Wrote ${path.relative(ROOT, TYPES_PATH)}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
