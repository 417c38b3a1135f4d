// The operator's entry point: keeps client-node from loading its generated API classes
// (kube/slim-client-node.ts), then runs the operator (start.ts) with this process's environment
// and arguments. The hook must be in place before start.ts's imports are resolved, hence the
// dynamic import. Exit codes: 0 after --help, 2 for a bad configuration, 1 when start-up fails.
import { ConfigError } from '../common/config.ts';
import { isHelpRequest, renderHelp } from './help.ts';
import { slimClientNode } from './kube/slim-client-node.ts';

if (isHelpRequest(process.argv.slice(2))) {
  process.stdout.write(renderHelp());
  process.exit(0);
}
slimClientNode();
const { runOperator } = await import('./start.ts');
try {
  await runOperator(process.env, process.argv.slice(2));
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error('Operator failed to start:', error);
  process.exit(1);
}
