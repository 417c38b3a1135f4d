// @kubernetes/client-node's KubeConfig (dist/config.js) takes two small names from
// dist/gen/index.js, and that index loads every generated API class and model of Kubernetes
// (~25 MB of source held in the heap, ~25 MB of the operator's resident memory). The operator
// calls the API through rest.ts and needs none of them, so main.ts registers this resolve hook
// before it loads anything else: config.js then gets client-node-gen.ts, which re-exports just
// those two names from their own modules. Only config.js's import is redirected; the operator's
// own code deep-imports small client-node modules and never its index (ESLint enforces it), and
// tests load client-node as usual.
import { registerHooks } from 'node:module';
import { siblingModule } from '../../common/sibling-module.ts';

const CONFIG_MODULE = '/@kubernetes/client-node/dist/config.js';
const GEN_INDEX = './gen/index.js';
const SLIM_GEN = siblingModule(import.meta.url, 'client-node-gen').href;

export function slimClientNode(): void {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (specifier === GEN_INDEX && context.parentURL?.endsWith(CONFIG_MODULE)) return { url: SLIM_GEN, shortCircuit: true };
      return nextResolve(specifier, context);
    },
  });
}
