import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { ConfigError, OPERATOR_VARIABLES, flagFor, loadConfig } from '../../operator/config.ts';
import { REPO_ROOT } from '../support/paths.ts';

const problemsOf = (env: Record<string, string>, argv: string[] = []): string[] => {
  try {
    loadConfig(env, argv);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('operator loadConfig', () => {
  describe('when nothing is set', () => {
    it('uses the documented defaults', () => {
      const { pool, ...config } = loadConfig({ POD_NAME: 'operator-7d9f-abcde' });
      expect(pool?.name).to.equal('docc2context-converter');
      expect(config).to.deep.equal({
        converterUrl: undefined,
        kubeconfig: undefined,
        namespace: 'docc2context-system',
        watchNamespaces: [],
        dispatchConcurrency: 16,
        maxConcurrentReconciles: 4,
        workQueue: { qps: 10, burst: 100 },
        leaderElection: {
          enabled: true,
          name: 'docc2context-operator',
          namespace: 'docc2context-system',
          identity: 'operator-7d9f-abcde',
          leaseDurationMs: 15_000,
          renewDeadlineMs: 10_000,
          retryPeriodMs: 2_000,
          releaseOnStop: true,
        },
        probePort: 8081,
        metricsPort: 8080,
        logLevel: 'info',
        finalizerTimeoutSeconds: 300,
        defaultRetainTtlSeconds: 86_400,
        poolName: 'docc2context-converter',
      });
    });

    it('returns a frozen object', () => {
      const config = loadConfig({});
      expect(Object.isFrozen(config)).to.equal(true);
      expect(Object.isFrozen(config.leaderElection)).to.equal(true);
      expect(Object.isFrozen(config.watchNamespaces)).to.equal(true);
    });
  });

  describe('when environment variables are set', () => {
    it('reads every one of them', () => {
      const config = loadConfig({
        CONVERTER_URL: 'http://localhost:3000',
        KUBECONFIG: '/home/dev/.kube/config',
        POD_NAMESPACE: 'ops',
        WATCH_NAMESPACES: 'docs, team-a,docs',
        DISPATCH_CONCURRENCY: '64',
        MAX_CONCURRENT_RECONCILES: '8',
        WORKQUEUE_QPS: '50',
        WORKQUEUE_BURST: '500',
        LEADER_ELECT: 'false',
        LEADER_ELECTION_ID: 'lock',
        LEADER_ELECTION_IDENTITY: 'me',
        LEADER_ELECTION_LEASE_DURATION_SECONDS: '30',
        LEADER_ELECTION_RENEW_DEADLINE_SECONDS: '20',
        LEADER_ELECTION_RETRY_PERIOD_SECONDS: '4',
        LEADER_ELECTION_RELEASE_ON_STOP: 'false',
        PROBE_PORT: '9091',
        METRICS_PORT: '9090',
        LOG_LEVEL: 'debug',
        FINALIZER_TIMEOUT_SECONDS: '60',
        DEFAULT_RETAIN_TTL_SECONDS: '3600',
      });
      expect(config).to.deep.include({
        converterUrl: 'http://localhost:3000',
        kubeconfig: '/home/dev/.kube/config',
        namespace: 'ops',
        dispatchConcurrency: 64,
        maxConcurrentReconciles: 8,
        probePort: 9091,
        metricsPort: 9090,
        logLevel: 'debug',
        finalizerTimeoutSeconds: 60,
        defaultRetainTtlSeconds: 3600,
      });
      expect(config.watchNamespaces).to.deep.equal(['docs', 'team-a']);
      expect(config.workQueue).to.deep.equal({ qps: 50, burst: 500 });
      expect(config.leaderElection).to.deep.equal({
        enabled: false,
        name: 'lock',
        namespace: 'ops',
        identity: 'me',
        leaseDurationMs: 30_000,
        renewDeadlineMs: 20_000,
        retryPeriodMs: 4_000,
        releaseOnStop: false,
      });
    });
  });

  describe('when flags are given', () => {
    it('accepts --name=value, --name value and bare boolean flags, and lets them win over the environment', () => {
      const config = loadConfig({ CONVERTER_URL: 'http://env:1', LEADER_ELECT: 'false' }, [
        '--converter-url=http://flag:2',
        '--kubeconfig',
        '/tmp/kc',
        '--leader-elect',
        '--watch-namespaces=a,b',
      ]);
      expect(config.converterUrl).to.equal('http://flag:2');
      expect(config.kubeconfig).to.equal('/tmp/kc');
      expect(config.leaderElection.enabled).to.equal(true);
      expect(config.watchNamespaces).to.deep.equal(['a', 'b']);
    });

    it('spells every flag as the kebab-case of its variable', () => {
      expect(flagFor('LEADER_ELECTION_RENEW_DEADLINE_SECONDS')).to.equal('--leader-election-renew-deadline-seconds');
    });

    it('reports unknown arguments and missing values', () => {
      const problems = problemsOf({}, ['--converter-ur=x', 'positional', '--probe-port']);
      expect(problems).to.deep.equal([
        'unknown argument "--converter-ur=x"',
        'unknown argument "positional"',
        '--probe-port needs a value',
      ]);
    });
  });

  describe('when settings are invalid', () => {
    it('reports every bad one at once, by name', () => {
      const problems = problemsOf({
        CONVERTER_URL: 'ftp://x',
        DISPATCH_CONCURRENCY: '0',
        LOG_LEVEL: 'loud',
        WATCH_NAMESPACES: 'Bad_NS',
        PROBE_PORT: '9000',
        METRICS_PORT: '9000',
      }).join('\n');
      for (const name of ['CONVERTER_URL', 'DISPATCH_CONCURRENCY', 'LOG_LEVEL', 'Bad_NS', 'PROBE_PORT and METRICS_PORT must differ'])
        expect(problems).to.contain(name);
    });

    it('rejects leader election timings that could let two leaders overlap', () => {
      const problems = problemsOf({
        LEADER_ELECTION_LEASE_DURATION_SECONDS: '10',
        LEADER_ELECTION_RENEW_DEADLINE_SECONDS: '10',
        LEADER_ELECTION_RETRY_PERIOD_SECONDS: '9',
      });
      expect(problems).to.deep.equal([
        'LEADER_ELECTION_RENEW_DEADLINE_SECONDS must be less than LEADER_ELECTION_LEASE_DURATION_SECONDS',
        'LEADER_ELECTION_RETRY_PERIOD_SECONDS × 1.2 must be less than LEADER_ELECTION_RENEW_DEADLINE_SECONDS',
      ]);
    });

    it('rejects a retained-result TTL outside what the CRD allows', () => {
      expect(problemsOf({ DEFAULT_RETAIN_TTL_SECONDS: '10' })[0]).to.match(/DEFAULT_RETAIN_TTL_SECONDS must be between 60 and 2592000/);
    });
  });
});

describe('operator loadConfig: the converter pool', () => {
  describe('when nothing is set', () => {
    it('manages the pool with the contract defaults', () => {
      expect(loadConfig({ POD_NAMESPACE: 'ops' }).pool).to.deep.equal({
        name: 'docc2context-converter',
        namespace: 'ops',
        image: 'docc2context:0.1.0',
        imagePullPolicy: 'IfNotPresent',
        imagePullSecrets: [],
        ownerDeployment: undefined,
        hpa: true,
        minReplicas: 2,
        maxReplicas: 10,
        resources: { cpuRequest: '1', cpuLimit: '2', memoryRequest: '1Gi', memoryLimit: '2Gi' },
        cpuTargetPercent: 70,
        scaleDownStabilizationSeconds: 300,
        scaleDownPodsPerMinute: 1,
        workspaceSizeLimit: '2Gi',
        conversionTimeoutSeconds: 60,
        redis: undefined,
        converterEnv: {},
        networkPolicy: undefined,
        serviceMonitor: false,
      });
    });
  });

  describe('when CONVERTER_URL is set or POOL_ENABLED is false', () => {
    it('turns pool management off', () => {
      expect(loadConfig({ CONVERTER_URL: 'http://localhost:8080' }).pool).to.equal(undefined);
      expect(loadConfig({ POOL_ENABLED: 'false' }).pool).to.equal(undefined);
      expect(loadConfig({}, ['--pool-enabled=false']).pool).to.equal(undefined);
    });

    it('dispatches to the pool Service named by POOL_NAME when no CONVERTER_URL is given', async () => {
      const { runtimeSettings } = await import('../../operator/settings.ts');
      const config = loadConfig({ POOL_ENABLED: 'false', POOL_NAME: 'converters', POD_NAMESPACE: 'ops' });
      expect(runtimeSettings(config).converterUrl).to.equal('http://converters.ops.svc:8080');
    });
  });

  describe('when the optional parts are configured', () => {
    it('reads the Redis Secret, the converter variables, the NetworkPolicy and the ServiceMonitor', () => {
      const pool = loadConfig({
        POOL_REDIS_SECRET: 'redis',
        POOL_CONVERTER_ENV: '{"ENGINE":"builtin"}',
        POOL_NETWORK_POLICY: 'true',
        POOL_NETWORK_POLICY_INGRESS_NAMESPACES: 'ci,ci',
        POOL_NETWORK_POLICY_EGRESS_CIDRS: '10.0.0.0/8',
        POOL_SERVICE_MONITOR: 'true',
        POOL_OWNER_DEPLOYMENT: 'docc2context-operator',
      }).pool;
      expect(pool?.redis).to.deep.equal({ secretName: 'redis', secretKey: 'redis-url' });
      expect(pool?.converterEnv).to.deep.equal({ ENGINE: 'builtin' });
      expect(pool?.networkPolicy).to.deep.equal({
        ingressNamespaces: ['ci'],
        prometheusNamespace: 'monitoring',
        egressCidrs: ['10.0.0.0/8'],
        redisPort: 6379,
      });
      expect(pool?.serviceMonitor).to.equal(true);
      expect(pool?.ownerDeployment).to.equal('docc2context-operator');
    });
  });

  describe('when pool settings are invalid', () => {
    it('reports every bad one at once, by name', () => {
      const problems = problemsOf({
        POOL_MIN_REPLICAS: '5',
        POOL_MAX_REPLICAS: '3',
        POOL_CPU_LIMIT: 'two',
        POOL_MEMORY_REQUEST: '4Gi',
        POOL_IMAGE_PULL_POLICY: 'Sometimes',
        POOL_CONVERTER_ENV: '{"WORKERS":"9","ok":1}',
        POOL_NETWORK_POLICY_EGRESS_CIDRS: 'example.com',
        POOL_NAME: 'Bad_Name',
      }).join('\n');
      for (const text of [
        'POOL_MAX_REPLICAS must be at least POOL_MIN_REPLICAS',
        'POOL_CPU_LIMIT must be a positive Kubernetes quantity',
        'POOL_MEMORY_REQUEST must not exceed POOL_MEMORY_LIMIT',
        'POOL_IMAGE_PULL_POLICY',
        'POOL_CONVERTER_ENV may not set WORKERS',
        '"ok" must be a variable name with a string value',
        'POOL_NETWORK_POLICY_EGRESS_CIDRS',
        'POOL_NAME',
      ]) {
        expect(problems).to.contain(text);
      }
    });

    it('refuses POOL_CONVERTER_ENV that is not a JSON object', () => {
      expect(problemsOf({ POOL_CONVERTER_ENV: '["A"]' })).to.deep.equal(['POOL_CONVERTER_ENV must be a JSON object of strings']);
    });
  });
});

describe('docs/configuration-operator.md', () => {
  it('documents every variable and its flag', () => {
    const doc = readFileSync(path.join(REPO_ROOT, 'docs/configuration-operator.md'), 'utf8');
    for (const variable of OPERATOR_VARIABLES) {
      expect(doc, variable).to.contain(`| \`${variable}\` | \`${flagFor(variable)}\` |`);
    }
  });
});
