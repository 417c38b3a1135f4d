// The operator's entry point: keeps client-node from loading its generated API classes
// (kube/slim-client-node.ts), then starts the operator (start.ts). The hook must be in place
// before start.ts's imports are resolved, hence the dynamic import.
import { slimClientNode } from './kube/slim-client-node.ts';

slimClientNode();
await import('./start.ts');
