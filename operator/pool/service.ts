// The pool's Service: the job API and uploads on port 8080 ("http"), where the operator
// dispatches and where the ServiceMonitor scrapes.
import type { V1Service } from '@kubernetes/client-node';
import type { PoolConfig } from './config.ts';
import { CONVERTER_PORT } from './derived.ts';
import { childMeta, selectorLabels, withSpecHash, type PoolOwner } from './meta.ts';

export function buildService(config: PoolConfig, owner?: PoolOwner): V1Service {
  return withSpecHash({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: childMeta(config, owner),
    spec: {
      type: 'ClusterIP',
      selector: selectorLabels(config),
      ports: [{ name: 'http', port: CONVERTER_PORT, targetPort: 'http', protocol: 'TCP' }],
    },
  });
}

/** The job API base URL the operator dispatches to. */
export function serviceUrl(config: Pick<PoolConfig, 'name' | 'namespace'>): string {
  return `http://${config.name}.${config.namespace}.svc:${CONVERTER_PORT}`;
}
