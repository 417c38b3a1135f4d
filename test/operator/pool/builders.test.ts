// The pool builders: golden YAML per configuration (UPDATE_GOLDEN=1 rewrites them; `make
// golden-pool`), every object valid against the Kubernetes OpenAPI schemas (and the Prometheus
// operator's for the ServiceMonitor), and the properties the issue asks of the pool.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import YAML from 'yaml';
import type { V1Container, V1Deployment } from '@kubernetes/client-node';
import { buildPool } from '../../../operator/pool/index.ts';
import { derive } from '../../../operator/pool/derived.ts';
import { SPEC_HASH_ANNOTATION } from '../../../operator/pool/meta.ts';
import { assertValidK8sObjects } from '../../support/k8s-schema.ts';
import { GOLDEN_CONFIGS, OWNER, poolConfig } from './configs.ts';

const GOLDEN_DIR = path.join(import.meta.dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function render(objects: unknown[]): string {
  return objects.map((object) => YAML.stringify(object, { lineWidth: 0 })).join('---\n');
}

function deploymentOf(env: Record<string, string> = {}): V1Deployment {
  return buildPool(poolConfig(env)).desired[0] as V1Deployment;
}

function converterOf(deployment: V1Deployment): V1Container {
  return deployment.spec?.template.spec?.containers[0] as V1Container;
}

function envOf(container: V1Container): Record<string, unknown> {
  return Object.fromEntries((container.env ?? []).map((variable) => [variable.name, variable.value ?? variable.valueFrom]));
}

describe('pool builders', () => {
  for (const [name, env] of Object.entries(GOLDEN_CONFIGS)) {
    describe(`when the configuration is "${name}"`, () => {
      const config = poolConfig(env);
      const owned = buildPool(config, OWNER).desired;

      it('renders the golden YAML', async () => {
        const file = path.join(GOLDEN_DIR, `${name}.yaml`);
        const text = render(owned);
        if (UPDATE || !existsSync(file)) await writeFile(file, text);
        expect(text).to.equal(await readFile(file, 'utf8'));
      });

      it('builds only objects valid against the Kubernetes OpenAPI schemas, with and without an owner', () => {
        assertValidK8sObjects([...owned, ...buildPool(config).desired]);
      });

      it('gives every object the deterministic name, the pool labels, a spec hash and the owner reference', () => {
        for (const object of owned) {
          expect(object.metadata?.name).to.equal(config.name);
          expect(object.metadata?.namespace).to.equal('docc2context-system');
          expect(object.metadata?.labels).to.deep.equal({
            'app.kubernetes.io/name': 'docc2context',
            'app.kubernetes.io/component': 'converter',
            'app.kubernetes.io/instance': config.name,
            'app.kubernetes.io/managed-by': 'docc2context-operator',
          });
          expect(object.metadata?.annotations?.[SPEC_HASH_ANNOTATION]).to.match(/^[0-9a-f]{16}$/);
          expect(object.metadata?.ownerReferences).to.deep.equal([
            { apiVersion: 'apps/v1', kind: 'Deployment', name: OWNER.name, uid: OWNER.uid, controller: true },
          ]);
        }
      });
    });
  }

  describe('when the pool is built twice from the same configuration', () => {
    it('builds identical objects (names and hashes are deterministic)', () => {
      expect(buildPool(poolConfig(), OWNER)).to.deep.equal(buildPool(poolConfig(), OWNER));
    });
  });

  describe('when one setting changes', () => {
    it('changes the spec hash of the objects it affects and of no other', () => {
      const before = buildPool(poolConfig()).desired;
      const after = buildPool(poolConfig({ POOL_MAX_REPLICAS: '20' })).desired;
      const hashOf = (object: (typeof before)[number]): string | undefined => object.metadata?.annotations?.[SPEC_HASH_ANNOTATION];
      const changed = before.filter((object, i) => hashOf(object) !== hashOf(after[i]));
      expect(changed.map((object) => object.kind)).to.deep.equal(['HorizontalPodAutoscaler']);
    });
  });

  describe('the Deployment by default', () => {
    const deployment = deploymentOf();
    const pod = deployment.spec?.template.spec;
    const container = converterOf(deployment);

    it('requests 1 CPU / 1Gi and limits 2 CPU / 2Gi', () => {
      expect(container.resources).to.deep.equal({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } });
    });

    it('runs 2 workers with a queue of 4, and sets the contract variables', () => {
      const env = envOf(container);
      expect(env).to.include({
        PORT: '8080',
        WORKERS: '2',
        QUEUE_SIZE: '4',
        CONVERSION_TIMEOUT_SECONDS: '60',
        WORKSPACE_BASE_PATH: '/workspace',
        SERVICE_NAME: 'docc2context-converter',
      });
      expect(env.WORKSPACE_PREFIX).to.deep.equal({ fieldRef: { fieldPath: 'metadata.name' } });
      expect(env.MEMORY_LIMIT_BYTES).to.deep.equal({
        resourceFieldRef: { containerName: 'converter', resource: 'limits.memory', divisor: '1' },
      });
      expect(env).to.not.have.property('REDIS_URL');
    });

    it('gives pods longer than the longest conversion plus the preStop wait to stop', () => {
      const grace = Number(envOf(container).SHUTDOWN_GRACE_SECONDS);
      const preStop = container.lifecycle?.preStop?.sleep?.seconds ?? 0;
      expect(grace).to.be.greaterThan(60);
      expect(preStop).to.be.within(5, 10);
      expect(pod?.terminationGracePeriodSeconds).to.be.greaterThan(preStop + grace);
    });

    it('probes liveness, readiness and start-up on the http port', () => {
      expect(container.livenessProbe?.httpGet).to.deep.equal({ path: '/healthz', port: 'http' });
      expect(container.readinessProbe?.httpGet).to.deep.equal({ path: '/readyz', port: 'http' });
      expect(container.startupProbe?.httpGet).to.deep.equal({ path: '/healthz', port: 'http' });
    });

    it('runs restricted: non-root, read-only root, no capabilities, RuntimeDefault seccomp, no token, a bounded emptyDir workspace', () => {
      expect(container.securityContext).to.deep.include({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(pod?.automountServiceAccountToken).to.equal(false);
      expect(pod?.securityContext?.seccompProfile).to.deep.equal({ type: 'RuntimeDefault' });
      expect(pod?.volumes).to.deep.equal([{ name: 'workspace', emptyDir: { sizeLimit: '2Gi' } }]);
      expect(container.volumeMounts).to.deep.equal([{ name: 'workspace', mountPath: '/workspace' }]);
    });

    it('never drops below the ready capacity in a rollout, spreads over nodes, and is scraped', () => {
      expect(deployment.spec?.strategy?.rollingUpdate?.maxUnavailable).to.equal(0);
      expect(pod?.topologySpreadConstraints?.map((c) => c.topologyKey)).to.include('kubernetes.io/hostname');
      expect(deployment.spec?.template.metadata?.annotations).to.include({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': '8080',
        'prometheus.io/path': '/metrics',
      });
    });
  });

  describe('when the Redis Secret and extra converter variables are configured', () => {
    it('takes REDIS_URL from the Secret key and adds the variables in name order', () => {
      const env = envOf(converterOf(deploymentOf({ POOL_REDIS_SECRET: 'redis', POOL_CONVERTER_ENV: '{"ENGINE":"builtin","B":"2"}' })));
      expect(env.REDIS_URL).to.deep.equal({ secretKeyRef: { name: 'redis', key: 'redis-url' } });
      expect(env).to.include({ ENGINE: 'builtin', B: '2' });
    });
  });

  describe('derive()', () => {
    for (const [cpu, workers] of [
      ['500m', 1],
      ['1', 1],
      ['1500m', 2],
      ['2', 2],
      ['4', 4],
    ] as const) {
      it(`runs ${workers} worker(s) per pod for a CPU limit of ${cpu}`, () => {
        expect(
          derive({
            resources: { cpuRequest: '100m', cpuLimit: cpu, memoryRequest: '1Gi', memoryLimit: '1Gi' },
            conversionTimeoutSeconds: 60,
          }).workers,
        ).to.equal(workers);
      });
    }

    it('keeps one conversion waiting behind each worker, within half the queue', () => {
      const derived = derive({
        resources: { cpuRequest: '1', cpuLimit: '2', memoryRequest: '1Gi', memoryLimit: '2Gi' },
        conversionTimeoutSeconds: 60,
      });
      expect(derived.conversionsPerPod).to.equal(4);
      expect(derived.conversionsPerPod - derived.workers).to.be.at.most(derived.queueSize / 2);
    });
  });

  describe('the HorizontalPodAutoscaler', () => {
    it('targets the Deployment on CPU and scales down slowly and boundedly', () => {
      const hpa = buildPool(poolConfig()).desired[2] as { spec: Record<string, unknown> };
      expect(hpa.spec).to.deep.include({
        minReplicas: 2,
        maxReplicas: 10,
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'docc2context-converter' },
      });
      expect(hpa.spec.behavior).to.deep.include({
        scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Min', policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] },
      });
    });
  });

  describe('when the optional kinds are off', () => {
    it('builds no NetworkPolicy and no ServiceMonitor and lists both as absent', () => {
      const plan = buildPool(poolConfig());
      expect(plan.desired.map((object) => object.kind)).to.deep.equal([
        'Deployment',
        'Service',
        'HorizontalPodAutoscaler',
        'PodDisruptionBudget',
      ]);
      expect(plan.absent.map((kind) => kind.kind)).to.deep.equal(['NetworkPolicy', 'ServiceMonitor']);
    });
  });

  describe('when POOL_HPA_ENABLED is false (KEDA or a backlog HPA scales the pool)', () => {
    it('builds no HPA and lists it as absent', () => {
      const plan = buildPool(poolConfig({ POOL_HPA_ENABLED: 'false' }));
      expect(plan.desired.map((object) => object.kind)).to.deep.equal(['Deployment', 'Service', 'PodDisruptionBudget']);
      expect(plan.absent.map((kind) => kind.kind)).to.deep.equal(['HorizontalPodAutoscaler', 'NetworkPolicy', 'ServiceMonitor']);
    });
  });
});
