// One measured run in a fresh process (so peak RSS is honest): `engine` converts, `floor` only
// reads + JSON.parses every input file and writes the same files with the same byte counts.
// Prints one JSON line: { ms, cpuMs, maxRssMb, files, bytes } (cpuMs: user + system, all threads).
import fs from 'node:fs';
import path from 'node:path';
import { convertPath } from '../converter/engine/index.ts';

const [mode, input, output, manifestPath] = process.argv.slice(2) as [string, string, string, string | undefined];

async function runEngine(): Promise<{ files: number; bytes: number }> {
  const outputPath = output;
  const summary = await convertPath({
    inputPath: input,
    outputPath,
    force: true,
    options: { profile: 'swift-compat', symbolLayout: 'tree', tutorialLayout: 'chapter', technologies: [] },
  });
  return { files: summary.filesWritten, bytes: summary.bytesWritten };
}

function runFloor(): { files: number; bytes: number } {
  for (const entry of fs.readdirSync(input, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const data = fs.readFileSync(path.join(entry.parentPath, entry.name));
    if (entry.name.endsWith('.json')) JSON.parse(data.toString('utf8'));
  }
  const manifest = JSON.parse(fs.readFileSync(manifestPath ?? '', 'utf8')) as [string, number][];
  let bytes = 0;
  for (const [relative, size] of manifest) {
    const target = path.join(output, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, Buffer.alloc(size, 0x61));
    bytes += size;
  }
  return { files: manifest.length, bytes };
}

const started = performance.now();
const cpuBefore = process.cpuUsage();
const result = mode === 'floor' ? runFloor() : await runEngine();
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = (cpu.user + cpu.system) / 1000;
const maxRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ ms, cpuMs, maxRssMb, ...result })}\n`);
