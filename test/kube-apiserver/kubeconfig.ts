// A KubeConfig for @kubernetes/client-node that points at the test server over plain HTTP.
// client-node refuses http:// unless the cluster entry sets skipTLSVerify, so it does.
import { KubeConfig } from '@kubernetes/client-node';

export function kubeConfigFor(serverUrl: string, namespace = 'default'): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'kube-apiserver-test', server: serverUrl, skipTLSVerify: true }],
    users: [{ name: 'test-user', token: 'test-token' }],
    contexts: [{ name: 'kube-apiserver-test', cluster: 'kube-apiserver-test', user: 'test-user', namespace }],
    currentContext: 'kube-apiserver-test',
  });
  return kc;
}
