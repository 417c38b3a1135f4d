// manifests/ (kubectl apply -k): generated from the chart's defaults by make manifests; fails
// when they drift; `kubectl kustomize manifests/` (kubectl 1.33 from make tools) renders them and
// every object validates against the Kubernetes OpenAPI schemas.
import { expect } from 'chai';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { driftedManifests, MANIFESTS_DIR, renderChartForManifests } from '../../scripts/gen-manifests.ts';
import { HEADER, manifestFiles } from '../../scripts/manifests.ts';
import { assertValidK8sObjects } from '../support/k8s-schema.ts';
import { KUBECTL, assertToolsExtracted, findObject, parseObjects, runTool } from '../support/helm.ts';
import type { K8sObject } from '../support/helm.ts';

describe('manifests/', function () {
  this.timeout(60_000);
  let objects: K8sObject[];

  before(async () => {
    assertToolsExtracted();
    const result = await runTool(KUBECTL, ['kustomize', MANIFESTS_DIR]);
    expect(result.code, result.stderr).to.equal(0);
    objects = parseObjects(result.stdout);
  });

  it('matches what make manifests generates from the chart', () => {
    expect(driftedManifests(manifestFiles(renderChartForManifests())), 'run make manifests').to.deep.equal([]);
  });

  it('says in each file that it is generated', () => {
    for (const file of readdirSync(MANIFESTS_DIR)) expect(readFileSync(path.join(MANIFESTS_DIR, file), 'utf8').startsWith(HEADER), file).to.equal(true);
  });

  it('renders with kubectl kustomize into objects that all validate', () => {
    expect(objects.map((o) => o.kind)).to.include.members(['Namespace', 'CustomResourceDefinition', 'Deployment', 'ClusterRole', 'Role', 'ServiceAccount']);
    assertValidK8sObjects(objects);
  });

  it('installs into the docc2context-system namespace it creates', () => {
    expect(findObject(objects, 'Namespace').metadata.name).to.equal('docc2context-system');
    const namespaced = objects.filter((o) => !['Namespace', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding'].includes(o.kind));
    for (const object of namespaced) expect(object.metadata.namespace, `${object.kind}/${object.metadata.name}`).to.equal('docc2context-system');
  });

  it('carries no Helm-only label, annotation or test hook', () => {
    const text = JSON.stringify(objects);
    expect(text).to.not.include('helm.sh/');
    expect(text).to.not.include('"Helm"');
    expect(objects.map((o) => o.kind)).to.not.include('Pod');
  });
});
