// Every archive layout through every entry point, for each profile: the service (POST
// /api/v1/convert on the real app with the builtin engine), the command (the CLI's main) and the
// engine API (convertPath) must accept and refuse the same archives, with the same error code
// (the command prints the message that stands for it). One set of rules: converter/archive.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import type { Profile } from '../../../common/contract/conversion-job.ts';
import type { ErrorCode } from '../../../common/contract/errors.ts';
import { EngineError } from '../../../converter/engine/api.ts';
import { convertPath } from '../../../converter/engine/index.ts';
import { createBuiltinRunner } from '../../../converter/runner/builtin.ts';
import type { ConversionRunner } from '../../../converter/runner/types.ts';
import { runCli } from '../../support/cli.ts';
import { FIXTURE, engineOptions } from '../../support/engine.ts';
import { listFiles } from '../../support/zip.ts';
import { makeTempDir } from '../../support/tmp.ts';
import { buildRealApp } from '../server/support-e2e.ts';
import { binary, removeBase } from '../server/support.ts';
import { buildZip } from './zip-builder.ts';
import type { RawZipEntry } from './zip-builder.ts';

type Outcome = 'accepted' | ErrorCode;
type PerProfile = Record<Profile, Outcome>;

const PROFILES: readonly Profile[] = ['rich', 'swift-compat'];
const both = (outcome: Outcome): PerProfile => ({ rich: outcome, 'swift-compat': outcome });
const UNIX_SYMLINK = (0o120777 << 16) >>> 0;

/** A small real archive (Info.plist bundle with render JSON) that both profiles convert. */
function archiveFiles(prefix: string, only?: (file: string) => boolean): RawZipEntry[] {
  return listFiles(FIXTURE.articleReference)
    .filter((file) => only?.(file) ?? true)
    .map((file) => ({ name: `${prefix}${file}`, data: fs.readFileSync(path.join(FIXTURE.articleReference, file)) }));
}
const renderJsonOnly = (file: string): boolean => file.startsWith('data/documentation/');

interface ZipLayout {
  label: string;
  zip: () => Buffer;
  expected: PerProfile;
}

const ZIP_LAYOUTS: ZipLayout[] = [
  { label: 'the archive at the zip root', zip: () => buildZip(archiveFiles('')), expected: both('accepted') },
  { label: 'a .doccarchive folder at the top', zip: () => buildZip(archiveFiles('Demo.doccarchive/')), expected: both('accepted') },
  {
    label: 'the archive one wrapper folder down',
    zip: () => buildZip(archiveFiles('wrapper/Demo.doccarchive/')),
    expected: both('accepted'),
  },
  {
    label: 'the archive two wrapper folders down',
    zip: () => buildZip(archiveFiles('a/b/Demo.doccarchive/')),
    expected: both('NOT_DOCC_ARCHIVE'),
  },
  {
    label: 'only data/ at the zip root (render JSON, no Info.plist or metadata.json)',
    zip: () => buildZip(archiveFiles('', renderJsonOnly)),
    expected: { rich: 'accepted', 'swift-compat': 'NOT_DOCC_ARCHIVE' },
  },
  {
    label: 'a folder holding only data/documentation',
    zip: () => buildZip(archiveFiles('site/', renderJsonOnly)),
    expected: { rich: 'accepted', 'swift-compat': 'NOT_DOCC_ARCHIVE' },
  },
  {
    label: 'two archives side by side',
    zip: () => buildZip([...archiveFiles('A.doccarchive/'), ...archiveFiles('B.doccarchive/')]),
    expected: both('NOT_DOCC_ARCHIVE'),
  },
  {
    label: 'no marker at all',
    zip: () =>
      buildZip([
        { name: 'README.md', data: 'hi' },
        { name: 'src/a.swift', data: 'let a = 1' },
      ]),
    expected: both('NOT_DOCC_ARCHIVE'),
  },
  {
    label: 'the archive with macOS junk (__MACOSX/, .DS_Store, ._ files)',
    zip: () =>
      buildZip([
        ...archiveFiles('Demo.doccarchive/'),
        { name: '__MACOSX/Demo.doccarchive/._Info.plist', data: 'junk' },
        { name: 'Demo.doccarchive/.DS_Store', data: 'junk' },
        { name: 'Demo.doccarchive/data/._x.json', data: 'junk', crc: 1 },
      ]),
    expected: both('accepted'),
  },
  {
    label: 'only macOS junk',
    zip: () => buildZip([{ name: '__MACOSX/Demo.doccarchive/metadata.json', data: '{}' }]),
    expected: both('NOT_DOCC_ARCHIVE'),
  },
  {
    label: 'an entry that escapes with ".."',
    zip: () => buildZip([...archiveFiles(''), { name: '../evil.json', data: '{}' }]),
    expected: both('UNSAFE_ARCHIVE'),
  },
  {
    label: 'an absolute entry name',
    zip: () => buildZip([...archiveFiles(''), { name: '/etc/evil', data: 'x' }]),
    expected: both('UNSAFE_ARCHIVE'),
  },
  {
    label: 'a symbolic link',
    zip: () => buildZip([...archiveFiles(''), { name: 'data/link', data: '/etc/passwd', externalAttributes: UNIX_SYMLINK }]),
    expected: both('UNSAFE_ARCHIVE'),
  },
  {
    label: 'a hostile name hidden under __MACOSX/',
    zip: () => buildZip([...archiveFiles(''), { name: '__MACOSX/../../evil', data: 'x' }]),
    expected: both('UNSAFE_ARCHIVE'),
  },
  {
    label: 'an entry that fails its CRC-32 check (one the engine never renders)',
    zip: () => buildZip([...archiveFiles(''), { name: 'downloads/notes.txt', data: 'hello', crc: 7 }]),
    expected: both('CORRUPT_ARCHIVE'),
  },
  { label: 'a file that is not a zip', zip: () => Buffer.from('definitely not a zip'), expected: both('UNSUPPORTED_MEDIA_TYPE') },
];

/** What the command prints for a refused zip: its message stands for the code (docs/compatibility.md). */
function commandLine(outcome: Outcome, zipPath: string, outputPath: string): RegExp {
  const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const lines: Partial<Record<Outcome, string>> = {
    accepted: `^Generated .* into ${escaped(outputPath)}\\.\\n$`,
    NOT_DOCC_ARCHIVE: `^Input is not a valid DocC bundle or archive: ${escaped(zipPath)}\\n$`,
    UNSAFE_ARCHIVE: `^Input zip contains an unsafe entry \\(.+\\): ${escaped(zipPath)}\\n$`,
    CORRUPT_ARCHIVE: `^Input zip is corrupt or not a zip file: ${escaped(zipPath)}\\n$`,
    UNSUPPORTED_MEDIA_TYPE: `^Input zip is corrupt or not a zip file: ${escaped(zipPath)}\\n$`,
  };
  return new RegExp(lines[outcome] ?? `no command line for ${outcome}`);
}

async function engineOutcome(inputPath: string, outputPath: string, profile: Profile): Promise<{ outcome: string; message?: string }> {
  try {
    await convertPath({ inputPath, outputPath, force: true, options: engineOptions({ profile }) });
    return { outcome: 'accepted' };
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    return { outcome: error.reason ?? 'refused', message: error.message };
  }
}

describe('archive layouts through every entry point (one set of zip rules)', function () {
  this.timeout(60_000);
  const tmp = makeTempDir('layouts');
  let runner: ConversionRunner;
  let service: ReturnType<typeof buildRealApp>;
  let runs = 0;
  const fresh = (name: string): string => tmp.join(`${name}-${(runs += 1)}`);

  before(() => {
    runner = createBuiltinRunner({ concurrency: 1, queueLimit: 4 });
    service = buildRealApp(runner);
  });
  after(async () => {
    await runner.close(5000);
    removeBase(service.base);
    tmp.remove();
  });

  for (const layout of ZIP_LAYOUTS) {
    describe(`when the zip holds ${layout.label}`, () => {
      let zipPath: string;
      before(() => {
        zipPath = tmp.join(`${layout.label.replace(/\W+/g, '-')}.zip`);
        fs.writeFileSync(zipPath, layout.zip());
      });

      for (const profile of PROFILES) {
        const expected = layout.expected[profile];
        const verdict = expected === 'accepted' ? 'accept it' : `refuse it as ${expected}`;

        it(`${profile}: the service, the command and the engine all ${verdict}`, async () => {
          const res = await request(service.app)
            .post(`/api/v1/convert?profile=${profile}`)
            .attach('file', fs.readFileSync(zipPath), { filename: 'upload.zip', contentType: 'application/zip' })
            .buffer(true)
            .parse(binary);
          const serviceOutcome = res.status === 200 ? 'accepted' : (JSON.parse(String(res.body)) as { error: { code: string } }).error.code;
          expect(serviceOutcome, `service: ${String(res.body).slice(0, 300)}`).to.equal(expected);

          const commandOut = fresh('command');
          const command = await runCli(zipPath, '--output', commandOut, '--profile', profile);
          expect(command.code, command.stdout).to.equal(expected === 'accepted' ? 0 : 64);
          expect(command.stdout).to.match(commandLine(expected, zipPath, commandOut));

          const engine = await engineOutcome(zipPath, fresh('engine'), profile);
          expect(engine.outcome, engine.message).to.equal(expected);
        });
      }
    });
  }

  describe('when the input is a folder', () => {
    const folders: Array<{ label: string; files: () => RawZipEntry[]; expected: Record<Profile, 'accepted' | 'refused'> }> = [
      { label: 'a DocC archive', files: () => archiveFiles(''), expected: { rich: 'accepted', 'swift-compat': 'accepted' } },
      {
        label: 'only data/documentation (no Info.plist or metadata.json)',
        files: () => archiveFiles('', renderJsonOnly),
        expected: { rich: 'accepted', 'swift-compat': 'refused' },
      },
      // A folder is the archive itself, as in the Swift CLI: the wrapper search exists for zips only.
      {
        label: 'a wrapper around a .doccarchive folder',
        files: () => archiveFiles('Demo.doccarchive/'),
        expected: { rich: 'refused', 'swift-compat': 'refused' },
      },
    ];
    for (const folder of folders) {
      for (const profile of PROFILES) {
        const expected = folder.expected[profile];
        it(`${profile}: the command and the engine both ${expected === 'accepted' ? 'accept' : 'refuse'} a folder holding ${folder.label}`, async () => {
          const root = fresh('folder');
          for (const entry of folder.files()) {
            const target = path.join(root, String(entry.name));
            fs.mkdirSync(path.dirname(target), { recursive: true });
            fs.writeFileSync(target, entry.data ?? '');
          }
          const commandOut = fresh('command');
          const command = await runCli(root, '--output', commandOut, '--profile', profile);
          const refusedLine = new RegExp(
            `^Input is not a valid DocC bundle or archive: ${root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n$`,
          );
          expect(command.stdout).to.match(expected === 'accepted' ? /^Generated / : refusedLine);
          const engine = await engineOutcome(root, fresh('engine'), profile);
          expect(engine.outcome === 'accepted' ? 'accepted' : 'refused', engine.message).to.equal(expected);
        });
      }
    }
  });
});
