// Lints the Dockerfile without building it: dockerfile-utils' validator, then the image rules of
// docs/image.md (pinned bases, a numeric non-root USER, no `latest`, no remote ADD, production
// dependencies only, no secrets), for both variants (WITH_SWIFT=0 and 1).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { REPO_ROOT } from '../support/paths.ts';

const CONTENT = readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8');
const DIGEST = /@sha256:[0-9a-f]{64}$/;

interface Stage {
  name?: string;
  /** The FROM argument with the global ARG defaults substituted. */
  base: string;
  instructions: Instruction[];
}

function globalArgs(overrides: Record<string, string> = {}): Record<string, string> {
  const args: Record<string, string> = {};
  for (const arg of DockerfileParser.parse(CONTENT).getInitialARGs()) {
    const property = arg.getProperty();
    if (property) args[property.getName()] = property.getValue() ?? '';
  }
  return { ...args, ...overrides };
}

const substitute = (text: string, args: Record<string, string>): string =>
  text.replace(/\$\{(\w+)\}|\$(\w+)/g, (_match, braced: string | undefined, bare: string | undefined) => args[braced ?? bare ?? ''] ?? '');

function stages(args: Record<string, string>): Stage[] {
  const result: Stage[] = [];
  for (const instruction of DockerfileParser.parse(CONTENT).getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const [image, as, name] = instruction.getArguments().map((a) => a.getValue());
      result.push({ base: substitute(image, args), name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else {
      result.at(-1)?.instructions.push(instruction);
    }
  }
  return result;
}

/** The final stage and every stage it is built FROM, final first. */
function chain(all: Stage[]): Stage[] {
  const byName = new Map(all.filter((s) => s.name).map((s) => [s.name!, s]));
  const result = [all.at(-1)!];
  while (byName.has(result.at(-1)!.base)) result.push(byName.get(result.at(-1)!.base)!);
  return result;
}

const effectiveUser = (all: Stage[]): string | undefined =>
  chain(all)
    .map((stage) => stage.instructions.filter((i) => i.getKeyword() === 'USER').at(-1))
    .find(Boolean)
    ?.getArgumentsContent() ?? undefined;

const runLines = (all: Stage[]): string[] =>
  all.flatMap((stage) => stage.instructions.filter((i) => i.getKeyword() === 'RUN').map((i) => i.getArgumentsContent() ?? ''));

describe('Dockerfile', () => {
  it('has no problems according to dockerfile-utils', () => {
    expect(validate(CONTENT).map((d) => `${d.range.start.line + 1}: ${d.message}`)).to.deep.equal([]);
  });

  it('pins the official Node 22 bookworm-slim image by digest as NODE_IMAGE', () => {
    expect(globalArgs().NODE_IMAGE).to.match(/^node:22(\.\d+){0,2}-bookworm-slim@sha256:[0-9a-f]{64}$/);
  });

  it('never says latest and never uses ADD (so no remote sources)', () => {
    expect(CONTENT).not.to.match(/:latest\b/i);
    const adds = DockerfileParser.parse(CONTENT)
      .getInstructions()
      .filter((i) => i.getKeyword() === 'ADD');
    expect(adds.map((i) => i.getArgumentsContent())).to.deep.equal([]);
  });

  it('declares no secret as an ARG or ENV', () => {
    const names = DockerfileParser.parse(CONTENT)
      .getInstructions()
      .filter((i) => ['ARG', 'ENV'].includes(i.getKeyword()))
      .flatMap(
        (i) =>
          i
            .getArgumentsContent()
            ?.split(/\s+/)
            .map((word) => word.split('=')[0]) ?? [],
      );
    expect(names.filter((name) => /PASSWORD|TOKEN|SECRET|CREDENTIAL|API_?KEY/i.test(name))).to.deep.equal([]);
  });

  for (const withSwift of ['0', '1']) {
    describe(`when built with WITH_SWIFT=${withSwift}`, () => {
      const all = stages(globalArgs({ WITH_SWIFT: withSwift }));
      const names = new Set(all.map((s) => s.name).filter(Boolean));

      it('builds every stage from an earlier stage or from an image pinned by digest', () => {
        for (const stage of all) {
          if (!names.has(stage.base)) expect(stage.base, `FROM of ${stage.name ?? 'the final stage'}`).to.match(DIGEST);
        }
      });

      it('runs as the numeric non-root user 10001:10001', () => {
        expect(effectiveUser(all)).to.equal('10001:10001');
      });

      it('starts node under tini through the entrypoint script, never node_modules/.bin/node', () => {
        const runtime = chain(all).flatMap((s) => s.instructions);
        const entrypoint = runtime.find((i) => i.getKeyword() === 'ENTRYPOINT');
        expect(JSON.parse(entrypoint?.getArgumentsContent() ?? 'null')).to.deep.equal([
          '/usr/bin/tini',
          '--',
          '/usr/local/bin/docc2context-entrypoint',
        ]);
        expect(runtime.map((i) => i.getArgumentsContent() ?? '').join('\n')).not.to.include('node_modules/.bin');
      });

      it('ships production dependencies from the lockfile only, and only the build output of the dev tools', () => {
        const copies = chain(all)
          .flatMap((s) => s.instructions)
          .filter((i) => i.getKeyword() === 'COPY')
          .map((i) => i.getTextContent().replace(/^COPY\s+/i, ''))
          .filter((args) => args.includes('--from='));
        const fromStage = (args: string): Stage | undefined => all.find((stage) => stage.name === /--from=(\S+)/.exec(args)?.[1]);
        const modules = copies.filter((args) => args.includes('node_modules'));
        expect(modules).to.have.length(1);
        expect(runLines([fromStage(modules[0])!]).filter((line) => /\bnpm (ci|install|i)\b/.test(line))).to.satisfy(
          (lines: string[]) => lines.length === 1 && /\bnpm ci --omit=dev --ignore-scripts\b/.test(lines[0]),
        );
        // Any other stage that installs dev dependencies hands over dist/ only.
        for (const args of copies.filter(
          (a) => a !== modules[0] && runLines([fromStage(a)!].filter(Boolean)).some((line) => /\bnpm ci\b/.test(line)),
        )) {
          expect(args).to.match(/^--from=\S+ \/app\/dist \S+$/);
        }
      });
    });
  }
});

describe('entrypoint script', () => {
  const script = readFileSync(path.join(REPO_ROOT, 'scripts/image/entrypoint.sh'), 'utf8');

  it('names the converter and operator entry points once each and runs them with exec node', () => {
    expect(script.match(/^CONVERTER_MAIN=\/app\/\S+$/gm)).to.have.length(1);
    expect(script.match(/^OPERATOR_MAIN=\/app\/\S+$/gm)).to.have.length(1);
    expect(script).to.include('exec node "$CONVERTER_MAIN"');
    expect(script).to.include('exec node "$OPERATOR_MAIN" "$@"');
  });
});

describe('.dockerignore', () => {
  const lines = readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));

  it('is an allow-list that never lets node_modules, git data, env files or tests into the context', () => {
    expect(lines[0]).to.equal('*');
    expect(lines.filter((l) => /node_modules|\.git|\.env|test|kubeconfig|\.npmrc/.test(l))).to.deep.equal([]);
  });
});
