// The chart with the real Helm 3 and Helm 4 (make tools): lint --strict and template over
// values.yaml and every ci/*-values.yaml scenario, every rendered object validated against the
// Kubernetes OpenAPI schemas (and prometheus-operator's for its kinds).
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { assertValidK8sObjects } from '../../support/k8s-schema.ts';
import { CHART_DIR, HELMS, RELEASE, assertToolsExtracted, helmTemplate, parseObjects, runTool, scenarioFiles, valueArgs } from '../../support/helm.ts';
import type { HelmBinary, K8sObject } from '../../support/helm.ts';

const SCENARIOS = ['values.yaml', ...scenarioFiles(readdirSync(path.join(CHART_DIR, 'ci')))];
const REQUIRED_SCENARIOS = ['defaults', 'external-redis', 'no-crds', 'networkpolicy-monitoring', 'pool-management-off'];

const kindsOf = (objects: readonly K8sObject[]): string[] => [...new Set(objects.map((object) => object.kind))].sort();

/** One `helm template` per Helm version and scenario, shared by the tests below. */
const renders = new Map<string, Promise<string>>();
function rendered(helm: HelmBinary, scenario: string): Promise<string> {
  const key = `${helm.name}:${scenario}`;
  if (!renders.has(key)) renders.set(key, helmTemplate(helm, valueArgs(scenario === 'values.yaml' ? [] : [scenario])));
  return renders.get(key) as Promise<string>;
}

describe('charts/docc2context', function () {
  this.timeout(60_000);
  before(assertToolsExtracted);

  it('has a ci/ scenario for each case the issue names', () => {
    for (const scenario of REQUIRED_SCENARIOS) expect(SCENARIOS, scenario).to.include(`ci/${scenario}-values.yaml`);
  });

  for (const helm of HELMS) {
    describe(`with ${helm.name}`, () => {
      for (const scenario of SCENARIOS) {
        describe(`when rendering ${scenario}`, () => {
          const files = scenario === 'values.yaml' ? [] : [scenario];
          let objects: K8sObject[];

          before(async () => {
            objects = parseObjects(await rendered(helm, scenario));
          });

          it('passes helm lint --strict', async () => {
            const result = await runTool(helm.binary, ['lint', '--strict', CHART_DIR, ...valueArgs(files)]);
            expect(result.code, result.stdout + result.stderr).to.equal(0);
            expect(result.stdout).to.match(/0 chart\(s\) failed/);
          });

          it('renders only objects that validate against their schemas', () => {
            expect(objects.length).to.be.greaterThan(5);
            assertValidK8sObjects(objects);
          });

          it('gives every object the chart labels and a name of at most 63 characters', () => {
            for (const object of objects.filter((o) => o.kind !== 'CustomResourceDefinition')) {
              expect(object.metadata.labels?.['app.kubernetes.io/instance'], `${object.kind}/${object.metadata.name}`).to.equal('docc2context');
              expect(object.metadata.name.length).to.be.at.most(63);
            }
          });
        });
      }

      // Helm 3.17's `install --dry-run=client` still asks a cluster for its version; Helm 4 does not.
      if (helm.major === 4) describe('when installed (dry run, no cluster)', () => {
        it('prints NOTES that say what to do next', async () => {
          const result = await runTool(helm.binary, ['install', RELEASE.name, CHART_DIR, '--namespace', RELEASE.namespace, '--dry-run=client', ...valueArgs(['ci/no-crds-values.yaml'])]);
          expect(result.code, result.stderr).to.equal(0);
          const notes = result.stdout.slice(result.stdout.indexOf('NOTES:'));
          expect(notes).to.include('rollout status deployment/docc2context-operator');
          expect(notes).to.include('kubectl wait -n default --for=condition=Succeeded dconv/slothcreator');
          expect(notes).to.include('helm test docc2context -n docc2context-system');
          expect(notes).to.include('apply crds/docconversion.yaml yourself');
        });
      });

      describe('when every optional part is on', () => {
        it('renders the NetworkPolicies, ServiceMonitor, PrometheusRule and dashboard', async () => {
          const objects = parseObjects(await rendered(helm, 'ci/networkpolicy-monitoring-values.yaml'));
          expect(kindsOf(objects)).to.include.members(['NetworkPolicy', 'ServiceMonitor', 'PrometheusRule']);
          expect(objects.filter((o) => o.kind === 'ConfigMap').map((o) => o.metadata.labels?.grafana_dashboard)).to.include('1');
        });
      });

      describe('when the optional parts are left at their defaults', () => {
        it('renders no NetworkPolicy, ServiceMonitor, PrometheusRule or dashboard', async () => {
          const kinds = kindsOf(parseObjects(await rendered(helm, 'values.yaml')));
          expect(kinds).to.not.include.members(['NetworkPolicy']);
          expect(kinds).to.not.include('ServiceMonitor');
          expect(kinds).to.not.include('PrometheusRule');
        });
      });
    });
  }

  describe('when rendered by Helm 3 and Helm 4', () => {
    it('gives the same objects', async () => {
      for (const scenario of SCENARIOS) {
        const [three, four] = await Promise.all(HELMS.map((helm) => rendered(helm, scenario)));
        expect(parseObjects(four), scenario).to.deep.equal(parseObjects(three));
      }
    });
  });
});
