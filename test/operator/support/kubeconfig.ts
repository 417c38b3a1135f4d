// A kubeconfig file pointing at the Kubernetes API test server, for operator processes started
// as `node operator/main.ts` (tests and bench/operator.ts).
import { writeFile } from 'node:fs/promises';
import { NAMESPACE } from './harness.ts';

export function kubeconfigYaml(server: string, namespace = NAMESPACE): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'current-context: test',
    'clusters:',
    '- name: test',
    '  cluster:',
    `    server: ${server}`,
    '    insecure-skip-tls-verify: true',
    'users:',
    '- name: test',
    '  user:',
    '    token: test',
    'contexts:',
    '- name: test',
    '  context:',
    '    cluster: test',
    '    user: test',
    `    namespace: ${namespace}`,
  ].join('\n');
}

export async function writeKubeconfig(file: string, server: string): Promise<string> {
  await writeFile(file, kubeconfigYaml(server));
  return file;
}
