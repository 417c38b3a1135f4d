// The help text: the Swift CLI's, byte for byte (note the EN DASH on the first line), plus one
// line each for --profile and --front-matter, which the Swift CLI does not have.
import { availableProfiles, DEFAULT_PROFILE } from '../engine/profile-names.ts';

export function helpText(): string {
  const profiles = availableProfiles()
    .map((name) => (name === DEFAULT_PROFILE ? `${name} (default)` : name))
    .join(', ');
  return [
    'docc2context \u2013 DocC to Markdown converter (bootstrap)',
    '',
    'Usage:',
    '  docc2context <input-path> --output <directory> [--format markdown] [--force] [--technology <name>] [--symbol-layout tree|single] [--tutorial-layout chapter|single]',
    '',
    'Options:',
    '  -h, --help                Show this help message and exit.',
    '  --output <dir>            Required. Target directory that will contain Markdown + link graph outputs.',
    '  --force                   Overwrite the output directory if it already exists.',
    '  --format <value>          Output format. Supported values: markdown (default).',
    '  --technology <name>       Filter symbols by technology/module name. Can be specified multiple times.',
    '  --symbol-layout <value>   Symbol page output layout. Supported values: tree (default), single.',
    '  --tutorial-layout <value> Tutorial output layout. Supported values: chapter (default), single.',
    `  --profile <value>         Rendering profile. Supported values: ${profiles}.`,
    '  --front-matter            Start every page with YAML front matter (rich profile only).',
  ].join('\n');
}
