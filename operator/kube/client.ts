// Builds the Kubernetes clients once, from an explicit kubeconfig file, the in-cluster service
// account, or the default lookup ($KUBECONFIG, ~/.kube/config, in-cluster), as configured.
// The clients are the few calls the operator makes, shaped like (and typed as) the same
// methods of client-node's generated API classes, but sent through KubeRest (rest.ts), so the
// operator never loads those classes.
import type { CoordinationV1Api, CoreV1Api, EventsV1Api, EventsV1Event, V1ConfigMap, V1Lease } from '@kubernetes/client-node';
import { KubeConfig } from '@kubernetes/client-node/dist/config.js';
import { KubeRest, apiPath } from './rest.ts';

export interface KubeConnection {
  /** Path of a kubeconfig file; wins over everything else. */
  kubeconfigPath?: string;
  /** Use the pod's service account even if a kubeconfig exists. */
  inCluster?: boolean;
  /** A context of the kubeconfig other than its current one. */
  context?: string;
}

export function loadKubeConfig(connection: KubeConnection): KubeConfig {
  const kc = new KubeConfig();
  if (connection.kubeconfigPath) kc.loadFromFile(connection.kubeconfigPath);
  else if (connection.inCluster) kc.loadFromCluster();
  else kc.loadFromDefault();
  if (connection.context) kc.setCurrentContext(connection.context);
  if (!kc.getCurrentCluster()) throw new Error('The kubeconfig names no current cluster');
  return kc;
}

export type ConfigMapApi = Pick<CoreV1Api, 'readNamespacedConfigMap' | 'createNamespacedConfigMap' | 'replaceNamespacedConfigMap'>;
export type EventApi = Pick<EventsV1Api, 'createNamespacedEvent'>;
export type LeaseApi = Pick<CoordinationV1Api, 'readNamespacedLease' | 'createNamespacedLease' | 'replaceNamespacedLease'>;

export interface KubeClients {
  kc: KubeConfig;
  /** Any other request (the DocConversion custom resource). */
  rest: KubeRest;
  configMaps: ConfigMapApi;
  events: EventApi;
  leases: LeaseApi;
}

function configMapApi(rest: KubeRest): ConfigMapApi {
  const at = (namespace: string, ...name: string[]): string => apiPath('/api/v1/namespaces', namespace, 'configmaps', ...name);
  return {
    readNamespacedConfigMap: ({ namespace, name }) => rest.request<V1ConfigMap>({ method: 'GET', path: at(namespace, name) }),
    createNamespacedConfigMap: ({ namespace, body }) => rest.request<V1ConfigMap>({ method: 'POST', path: at(namespace), body }),
    replaceNamespacedConfigMap: ({ namespace, name, body }) =>
      rest.request<V1ConfigMap>({ method: 'PUT', path: at(namespace, name), body }),
  };
}

function eventApi(rest: KubeRest): EventApi {
  return {
    createNamespacedEvent: ({ namespace, body }) =>
      rest.request<EventsV1Event>({ method: 'POST', path: apiPath('/apis/events.k8s.io/v1/namespaces', namespace, 'events'), body }),
  };
}

function leaseApi(rest: KubeRest): LeaseApi {
  const at = (namespace: string, ...name: string[]): string =>
    apiPath('/apis/coordination.k8s.io/v1/namespaces', namespace, 'leases', ...name);
  return {
    readNamespacedLease: ({ namespace, name }) => rest.request<V1Lease>({ method: 'GET', path: at(namespace, name) }),
    createNamespacedLease: ({ namespace, body }) => rest.request<V1Lease>({ method: 'POST', path: at(namespace), body }),
    replaceNamespacedLease: ({ namespace, name, body }) => rest.request<V1Lease>({ method: 'PUT', path: at(namespace, name), body }),
  };
}

export function makeClients(kc: KubeConfig): KubeClients {
  const rest = new KubeRest(kc);
  return { kc, rest, configMaps: configMapApi(rest), events: eventApi(rest), leases: leaseApi(rest) };
}
