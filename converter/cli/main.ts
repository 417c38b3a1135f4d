// The docc2context command: everything it reports goes to stdout with one "\n" (errors too, as
// in the Swift CLI); only engine warnings go to stderr. Exit 0 on success or help, 64 otherwise.
// The engine is imported only once the arguments are valid, so help and argument errors answer
// without loading it (start-up time: docs/adr/0001).
import { parseArguments, wantsHelp } from './args.ts';
import { helpText } from './help.ts';
import { buildRequest } from './request.ts';

export const EXIT_OK = 0;
export const EXIT_USAGE = 64;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout(`${helpText()}\n`);
    return EXIT_OK;
  }
  try {
    const request = buildRequest(parseArguments(argv));
    const { convertPath } = await import('../engine/index.ts');
    const summary = await convertPath(request, { onWarning: (message) => io.stderr(`${message}\n`) });
    io.stdout(`${summary.summaryLine}\n`);
    return EXIT_OK;
  } catch (error) {
    // Like the Swift CLI, every failure (CliError, EngineError) is one line on stdout and exit 64.
    io.stdout(`${describe(error)}\n`);
    return EXIT_USAGE;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
