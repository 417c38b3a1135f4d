// What the chart's values do to the rendered objects, and which values it refuses (with Helm's
// message naming the value), with both Helm versions.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { loadConfig } from '../../../operator/config.ts';
import { assertValidK8sObjects } from '../../support/k8s-schema.ts';
import { loadDocConversionCrd } from '../../support/docconversion.ts';
import { CHART_DIR, HELMS, RELEASE, assertToolsExtracted, findObject, helmTemplate, helmTemplateArgs, parseObjects, runTool, valueArgs } from '../../support/helm.ts';
import type { K8sObject } from '../../support/helm.ts';

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { fieldRef?: { fieldPath: string } };
}
interface Container {
  args?: string[];
  env: EnvVar[];
  securityContext: Record<string, unknown>;
  livenessProbe?: unknown;
  readinessProbe?: unknown;
}
interface PodSpec {
  containers: Container[];
  securityContext: Record<string, unknown>;
  serviceAccountName?: string;
}

const podSpec = (deployment: K8sObject): PodSpec => (deployment.spec as { template: { spec: PodSpec } }).template.spec;
const envOf = (deployment: K8sObject): Map<string, EnvVar> => new Map(podSpec(deployment).containers[0].env.map((v) => [v.name, v]));

/** The operator container's environment as the kubelet resolves it for a pod `operator-0`. */
function resolvedEnv(deployment: K8sObject): Record<string, string> {
  const downward: Record<string, string> = { 'metadata.name': 'docc2context-operator-0', 'metadata.namespace': RELEASE.namespace };
  return Object.fromEntries([...envOf(deployment).values()].map((v) => [v.name, v.value ?? downward[v.valueFrom?.fieldRef?.fieldPath ?? ''] ?? '']));
}

const BAD_VALUES: { name: string; sets: string[]; message: RegExp }[] = [
  { name: 'an unknown value', sets: ['operator.replica=3'], message: /additional propert(y|ies) '?replica'? (is )?not allowed/i },
  { name: 'a mistyped value', sets: ['pool.replicas.min=two'], message: /pool\.replicas\.min|\/pool\/replicas\/min/ },
  { name: 'a value outside its enum', sets: ['pool.engine=python'], message: /pool\.engine|\/pool\/engine/ },
  { name: 'a value below its minimum', sets: ['operator.replicas=0'], message: /operator\.replicas|\/operator\/replicas/ },
  { name: 'a bad image digest', sets: ['image.digest=latest'], message: /image\.digest|\/image\/digest/ },
  { name: 'a max replicas below the min', sets: ['pool.replicas.min=5', 'pool.replicas.max=3'], message: /pool\.replicas\.max \(3\) must be at least pool\.replicas\.min \(5\)/ },
  { name: 'a converter URL while the operator manages the pool', sets: ['pool.converterUrl=http://c:8080'], message: /pool\.converterUrl is for an existing converter: set pool\.enabled=false/ },
  { name: 'both a Redis URL and a Secret', sets: ['redis.url=redis://r:6379', 'redis.existingSecret=s'], message: /redis\.url and redis\.existingSecret are exclusive/ },
  { name: 'a converter variable the operator sets itself', sets: ['pool.extraEnv.REDIS_URL=redis://x'], message: /pool\.extraEnv\.REDIS_URL: the operator sets REDIS_URL on the pool itself/ },
];

describe('charts/docc2context values', function () {
  this.timeout(60_000);
  before(assertToolsExtracted);

  for (const helm of HELMS) {
    describe(`with ${helm.name}, when a value is bad`, () => {
      for (const bad of BAD_VALUES) {
        it(`refuses ${bad.name} and says which`, async () => {
          const result = await runTool(helm.binary, helmTemplateArgs(valueArgs([], bad.sets)));
          expect(result.code).to.not.equal(0);
          expect(result.stderr).to.match(bad.message);
        });
      }
    });
  }

  const [helm] = HELMS;
  const render = async (sets: string[] = [], files: string[] = []): Promise<K8sObject[]> =>
    parseObjects(await helmTemplate(helm, valueArgs(files, sets)));

  describe('when rendered with the defaults', () => {
    let objects: K8sObject[];
    before(async () => {
      objects = await render();
    });

    it('runs 2 operator replicas with leader election, probes and the restricted security profile', () => {
      const deployment = findObject(objects, 'Deployment', 'docc2context-operator');
      expect((deployment.spec as { replicas: number }).replicas).to.equal(2);
      const pod = podSpec(deployment);
      const [container] = pod.containers;
      expect(container.args).to.deep.equal(['operator']);
      expect(pod.securityContext).to.include({ runAsNonRoot: true, runAsUser: 10001 });
      expect(pod.securityContext.seccompProfile).to.deep.equal({ type: 'RuntimeDefault' });
      expect(container.securityContext).to.deep.equal({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
      expect(container.livenessProbe).to.deep.include({ httpGet: { path: '/healthz', port: 'probes' } });
      expect(container.readinessProbe).to.deep.include({ httpGet: { path: '/readyz', port: 'probes' } });
      const env = envOf(deployment);
      expect(env.get('LEADER_ELECT')?.value).to.equal('true');
      expect(env.get('NODE_OPTIONS')?.value).to.equal('--max-semi-space-size=1 --max-old-space-size=128');
      expect(env.get('POD_NAME')?.valueFrom).to.deep.equal({ fieldRef: { fieldPath: 'metadata.name' } });
      expect(env.get('POD_NAMESPACE')?.valueFrom).to.deep.equal({ fieldRef: { fieldPath: 'metadata.namespace' } });
    });

    it('configures the pool as the operator contract says (POOL_*)', () => {
      const env = envOf(findObject(objects, 'Deployment', 'docc2context-operator'));
      const value = (name: string): string | undefined => env.get(name)?.value;
      expect(value('POOL_ENABLED')).to.equal('true');
      expect(value('POOL_NAME')).to.equal('docc2context-converter');
      expect(value('POOL_OWNER_DEPLOYMENT')).to.equal('docc2context-operator');
      expect(value('POOL_IMAGE')).to.equal('docc2context:0.1.0');
      expect([value('POOL_MIN_REPLICAS'), value('POOL_MAX_REPLICAS')]).to.deep.equal(['2', '10']);
      expect([value('POOL_CPU_LIMIT'), value('POOL_MEMORY_LIMIT')]).to.deep.equal(['2', '2Gi']);
      expect([value('POOL_REDIS_SECRET'), value('POOL_REDIS_SECRET_KEY')]).to.deep.equal(['docc2context-redis', 'redis-url']);
      expect(JSON.parse(value('POOL_CONVERTER_ENV') ?? '')).to.deep.equal({ ENGINE: 'builtin', RATE_LIMIT_REQUESTS: '600', RATE_LIMIT_WINDOW_SECONDS: '60' });
      expect(env.has('CONVERTER_URL')).to.equal(false);
    });

    it('runs its own Redis, pinned by digest, and hands its URL to the pool in a Secret', () => {
      const redis = findObject(objects, 'Deployment', 'docc2context-redis');
      expect((podSpec(redis).containers[0] as unknown as { image: string }).image).to.match(/^redis:[^@]+@sha256:[0-9a-f]{64}$/);
      const secret = findObject(objects, 'Secret', 'docc2context-redis');
      expect(secret.stringData).to.deep.equal({ 'redis-url': 'redis://docc2context-redis.docc2context-system.svc:6379' });
    });

    it('installs the CRD as crds/ has it, kept on uninstall', () => {
      const crd = findObject(objects, 'CustomResourceDefinition');
      const source = loadDocConversionCrd() as unknown as K8sObject;
      expect(crd.metadata.annotations).to.deep.equal({ 'helm.sh/resource-policy': 'keep' });
      expect({ ...crd, metadata: { ...crd.metadata, annotations: undefined } })
        .to.deep.equal({ ...source, metadata: { ...source.metadata, annotations: undefined } });
    });

    it('binds the operator cluster-wide when it watches every namespace', () => {
      expect(findObject(objects, 'ClusterRoleBinding').subjects).to.deep.equal([{ kind: 'ServiceAccount', name: 'docc2context-operator', namespace: RELEASE.namespace }]);
    });

    it('adds a helm test pod that converts through the pool Service', () => {
      const pod = findObject(objects, 'Pod');
      expect(pod.metadata.annotations?.['helm.sh/hook']).to.equal('test');
      const container = (pod.spec as PodSpec).containers[0];
      expect((container as unknown as { command: string[] }).command).to.deep.equal(['node', '/helm-test/convert.mjs']);
      expect(container.env).to.deep.include({ name: 'CONVERTER_URL', value: 'http://docc2context-converter:8080' });
      expect(findObject(objects, 'ConfigMap', 'docc2context-test').binaryData).to.have.key('archive.zip');
    });
  });

  describe("when the operator reads the chart's configuration", () => {
    const expected: Record<string, { watchNamespaces: string[]; converterUrl?: string }> = {
      'values.yaml': { watchNamespaces: [], converterUrl: undefined },
      'ci/existing-secret-redis-values.yaml': { watchNamespaces: ['team-a', 'team-b'], converterUrl: undefined },
      'ci/pool-management-off-values.yaml': { watchNamespaces: [], converterUrl: 'http://converter.docs.svc:8080' },
    };
    for (const [scenario, settings] of Object.entries(expected)) {
      it(`accepts every setting of ${scenario}`, async () => {
        const deployment = findObject(await render([], scenario === 'values.yaml' ? [] : [scenario]), 'Deployment', 'docc2context-operator');
        const args = podSpec(deployment).containers[0].args ?? [];
        const config = loadConfig(resolvedEnv(deployment), args.slice(1));
        expect(config.namespace).to.equal(RELEASE.namespace);
        expect(config.leaderElection).to.include({ enabled: true, name: 'docc2context-operator', namespace: RELEASE.namespace, identity: 'docc2context-operator-0' });
        expect([config.probePort, config.metricsPort]).to.deep.equal([8081, 8080]);
        expect({ watchNamespaces: config.watchNamespaces, converterUrl: config.converterUrl }).to.deep.equal(settings);
      });
    }
  });

  describe('when monitoring is on', () => {
    it('puts files/alerts.yaml and files/dashboard.json in the PrometheusRule and the dashboard ConfigMap unchanged', async () => {
      const objects = await render([], ['ci/networkpolicy-monitoring-values.yaml']);
      const alerts = YAML.parse(readFileSync(path.join(CHART_DIR, 'files/alerts.yaml'), 'utf8')) as { groups: unknown[] };
      expect((findObject(objects, 'PrometheusRule').spec as { groups: unknown[] }).groups).to.deep.equal(alerts.groups);
      const dashboard = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.labels?.grafana_dashboard === '1') as K8sObject & { data: Record<string, string> };
      expect(JSON.parse(dashboard.data['docc2context.json'])).to.deep.equal(JSON.parse(readFileSync(path.join(CHART_DIR, 'files/dashboard.json'), 'utf8')));
    });
  });

  describe('when crds.keep is false', () => {
    it('renders the CRD without the keep annotation', async () => {
      expect(findObject(await render(['crds.keep=false']), 'CustomResourceDefinition').metadata.annotations).to.equal(undefined);
    });
  });

  describe('when an external Redis URL is given', () => {
    it('stores it in a Secret and runs no Redis', async () => {
      const objects = await render([], ['ci/external-redis-values.yaml']);
      expect(findObject(objects, 'Secret').stringData).to.deep.equal({ 'redis-url': 'rediss://redis.cache.svc.cluster.local:6380/0' });
      expect(objects.filter((o) => o.metadata.labels?.['app.kubernetes.io/component'] === 'redis').map((o) => o.kind)).to.deep.equal(['Secret']);
    });
  });

  describe('when an existing Secret holds the Redis URL and namespaces are listed', () => {
    let objects: K8sObject[];
    before(async () => {
      objects = await render([], ['ci/existing-secret-redis-values.yaml']);
    });

    it('points the pool at that Secret and creates none', () => {
      const env = envOf(findObject(objects, 'Deployment', 'docc2context-operator'));
      expect([env.get('POOL_REDIS_SECRET')?.value, env.get('POOL_REDIS_SECRET_KEY')?.value]).to.deep.equal(['shared-redis', 'url']);
      expect(objects.map((o) => o.kind)).to.not.include('Secret');
    });

    it('binds the ClusterRole in each watched namespace only', () => {
      const bindings = objects.filter((o) => o.kind === 'RoleBinding' && (o.roleRef as { kind: string }).kind === 'ClusterRole');
      expect(bindings.map((b) => b.metadata.namespace)).to.deep.equal(['team-a', 'team-b']);
      expect(objects.map((o) => o.kind)).to.not.include('ClusterRoleBinding');
      expect(envOf(findObject(objects, 'Deployment', 'docc2context-operator')).get('WATCH_NAMESPACES')?.value).to.equal('team-a,team-b');
    });
  });

  describe('when pool management is off', () => {
    it('dispatches to the given converter and grants no pool permissions', async () => {
      const objects = await render([], ['ci/pool-management-off-values.yaml']);
      const env = envOf(findObject(objects, 'Deployment', 'docc2context-operator'));
      expect(env.get('CONVERTER_URL')?.value).to.equal('http://converter.docs.svc:8080');
      expect(env.get('POOL_ENABLED')?.value).to.equal('false');
      const role = findObject(objects, 'Role');
      expect((role.rules as { resources: string[] }[]).flatMap((rule) => rule.resources)).to.deep.equal(['leases']);
    });
  });

  describe('when the release name is long', () => {
    it('keeps every name within 63 characters and still valid', async () => {
      const result = await runTool(helm.binary, ['template', 'a'.repeat(53), helmTemplateArgs()[2], '--namespace', RELEASE.namespace]);
      expect(result.code, result.stderr).to.equal(0);
      const objects = parseObjects(result.stdout);
      for (const object of objects) expect(object.metadata.name.length, object.metadata.name).to.be.at.most(63);
      assertValidK8sObjects(objects);
    });
  });
});
