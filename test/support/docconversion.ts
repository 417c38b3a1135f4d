// The DocConversion CRD and its samples, loaded from crds/ for tests.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './paths.ts';
import { createCrdValidator, readYaml, type CrdValidator, type CustomResourceDefinition } from './crd-schema.ts';

export const CRD_FILE = path.join(REPO_ROOT, 'crds/docconversion.yaml');
export const SAMPLES_DIR = path.join(REPO_ROOT, 'crds/samples');

export function loadDocConversionCrd(): CustomResourceDefinition {
  return readYaml<CustomResourceDefinition>(CRD_FILE);
}

export function docConversionValidator(): CrdValidator {
  return createCrdValidator(loadDocConversionCrd());
}

export interface Sample {
  file: string;
  object: Record<string, unknown> & { spec: Record<string, unknown> };
}

export function loadSamples(): Sample[] {
  return readdirSync(SAMPLES_DIR)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => ({ file, object: readYaml<Sample['object']>(path.join(SAMPLES_DIR, file)) }));
}

/** The ConfigMaps the samples read their archive from (`configMap.name`, key `archive.zip`), all holding `zip`. */
export function sampleArchiveConfigMaps(namespace: string, zip: Buffer): Array<Record<string, unknown>> {
  return ['slothcreator-archive', 'docc-user-docs-archive'].map((name) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace },
    binaryData: { 'archive.zip': zip.toString('base64') },
  }));
}
