// Builds the Kubernetes clients once, from an explicit kubeconfig file, the in-cluster service
// account, or the default lookup ($KUBECONFIG, ~/.kube/config, in-cluster), as configured.
import { CoordinationV1Api, CoreV1Api, CustomObjectsApi, EventsV1Api, KubeConfig } from '@kubernetes/client-node';

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

export interface KubeClients {
  kc: KubeConfig;
  custom: CustomObjectsApi;
  core: CoreV1Api;
  events: EventsV1Api;
  coordination: CoordinationV1Api;
}

export function makeClients(kc: KubeConfig): KubeClients {
  return {
    kc,
    custom: kc.makeApiClient(CustomObjectsApi),
    core: kc.makeApiClient(CoreV1Api),
    events: kc.makeApiClient(EventsV1Api),
    coordination: kc.makeApiClient(CoordinationV1Api),
  };
}
