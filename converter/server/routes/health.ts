// Health endpoints: /api/v1/health (the predecessor's JSON keys), /health (legacy liveness),
// /healthz (alive), /readyz (ready to take work), /api/v1/limits (what the web page enforces).
import fs from 'node:fs';
import os from 'node:os';
import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../deps.ts';
import { SERVICE_DEFAULT_OPTIONS } from '../../../common/contract/conversion-job.ts';
import { OPTION_VALUES } from '../options.ts';

type HealthDeps = Pick<AppDeps, 'config' | 'engineStatus' | 'lifecycle' | 'store' | 'metrics'>;

const GIB = 1024 ** 3;
const round2 = (n: number): number => Math.round(n * 100) / 100;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, 'ok' | 'error' | 'draining' | 'degraded'>;
}

export async function readiness(deps: HealthDeps): Promise<ReadinessReport> {
  const checks: ReadinessReport['checks'] = {
    engine: deps.engineStatus().available ? 'ok' : 'error',
    lifecycle: deps.lifecycle.draining ? 'draining' : 'ok',
  };
  // Redis down means degraded (per-pod cache and rate limits), not unready: failing readiness
  // would take every replica out of the Service at once while each could still convert.
  if (deps.store) checks.store = deps.store.health() === 'up' ? 'ok' : 'degraded';
  return { ready: Object.values(checks).every((c) => c === 'ok' || c === 'degraded'), checks };
}

async function systemChecks(workspaceDir: string): Promise<Record<string, unknown>> {
  const fsStats = await fs.promises.statfs(workspaceDir);
  const total = fsStats.blocks * fsStats.bsize;
  const free = fsStats.bavail * fsStats.bsize;
  const freeGb = free / GIB;
  const availableGb = os.freemem() / GIB;
  return {
    disk_space: {
      total_gb: round2(total / GIB),
      free_gb: round2(freeGb),
      usage_percent: round2(total === 0 ? 0 : ((total - free) / total) * 100),
    },
    memory: {
      total_gb: round2(os.totalmem() / GIB),
      available_gb: round2(availableGb),
      usage_percent: round2((1 - os.freemem() / os.totalmem()) * 100),
    },
    disk_check: freeGb < 1 ? 'error' : freeGb < 5 ? 'warning' : 'ok',
    memory_check: availableGb < 0.5 ? 'error' : availableGb < 1 ? 'warning' : 'ok',
  };
}

function overallStatus(checks: Record<string, string>): 'ready' | 'degraded' | 'unhealthy' {
  const values = Object.values(checks);
  if (values.includes('error')) return 'unhealthy';
  return values.includes('warning') ? 'degraded' : 'ready';
}

export function healthRouter(deps: HealthDeps): Router {
  const router = Router();

  router.get('/api/v1/health', async (req: Request, res: Response) => {
    const engine = deps.engineStatus();
    const checks: Record<string, string> = {
      engine: engine.available ? 'ok' : 'error',
      swift_cli: engine.binaryDetected ? 'ok' : engine.engine === 'swift' ? 'error' : 'not_used',
    };
    const body: Record<string, unknown> = {};
    if (req.query.include_system === 'true') {
      const { disk_check, memory_check, ...system } = await systemChecks(deps.config.workspaceBaseDir);
      Object.assign(checks, { disk_space: disk_check, memory: memory_check });
      Object.assign(body, system);
    }
    const status = overallStatus(checks);
    res.status(status === 'unhealthy' ? 503 : 200).json({
      status,
      engine: engine.engine,
      binary_detected: engine.binaryDetected,
      binary_path: engine.binaryPath,
      checks,
      timestamp: new Date().toISOString(),
      version: deps.config.serviceVersion,
      ...body,
    });
  });

  router.get('/health', (_req, res) => {
    res.json({ status: 'healthy', message: 'DocC2Context Service is running' });
  });

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    const report = await readiness(deps);
    if (!report.ready) res.setHeader('Retry-After', String(deps.config.retryAfterSeconds));
    res.status(report.ready ? 200 : 503).json({ status: report.ready ? 'ready' : 'not_ready', checks: report.checks });
  });

  router.get('/api/v1/limits', (_req, res) => {
    const { limits } = deps.config;
    res.json({
      maxUploadBytes: limits.maxUploadBytes,
      maxUncompressedBytes: limits.maxUncompressedBytes,
      maxEntries: limits.maxEntries,
      conversionTimeoutSeconds: deps.config.conversionTimeoutMs / 1000,
      acceptedTypes: ['application/zip'],
      options: { ...OPTION_VALUES, technology: 'repeatable string' },
      defaults: SERVICE_DEFAULT_OPTIONS,
    });
  });

  router.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', deps.metrics.registry.contentType);
    res.send(await deps.metrics.registry.metrics());
  });

  return router;
}
