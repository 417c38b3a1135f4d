// The pool's optional ServiceMonitor (monitoring.coreos.com/v1, the Prometheus operator's CRD):
// scrapes /metrics on the Service's "http" port in the pool's namespace.
import type { V1LabelSelector, V1ObjectMeta } from '@kubernetes/client-node';
import type { PoolConfig } from './config.ts';
import { childMeta, selectorLabels, withSpecHash, type PoolOwner } from './meta.ts';

export interface ServiceMonitor {
  apiVersion: 'monitoring.coreos.com/v1';
  kind: 'ServiceMonitor';
  metadata: V1ObjectMeta;
  spec: {
    selector: V1LabelSelector;
    namespaceSelector: { matchNames: string[] };
    endpoints: { port: string; path: string; interval: string; scrapeTimeout: string }[];
  };
}

export function buildServiceMonitor(config: PoolConfig, owner?: PoolOwner): ServiceMonitor {
  return withSpecHash({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: childMeta(config, owner),
    spec: {
      selector: { matchLabels: selectorLabels(config) },
      namespaceSelector: { matchNames: [config.namespace] },
      endpoints: [{ port: 'http', path: '/metrics', interval: '30s', scrapeTimeout: '10s' }],
    },
  });
}
