// Stands in for @kubernetes/client-node's dist/gen/index.js where its KubeConfig (dist/config.js)
// imports it: the two names config.js takes from it, re-exported from their own small modules,
// without the generated API classes and models the index also loads (slim-client-node.ts).
export { createConfiguration } from '@kubernetes/client-node/dist/gen/configuration.js';
export { ServerConfiguration } from '@kubernetes/client-node/dist/gen/servers.js';
