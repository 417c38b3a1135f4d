// The whole-process floor (make bench-engine): plain JavaScript, so it pays no compilation, that
// reads and JSON.parses every input file and writes the files of a manifest ([path, size][]) with
// the same byte counts. Usage: node bench/floor-process.js <input dir> <output dir> <manifest.json>
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { Buffer } from 'node:buffer';

const [input, output, manifestPath] = process.argv.slice(2);
for (const entry of fs.readdirSync(input, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const data = fs.readFileSync(path.join(entry.parentPath, entry.name));
  if (entry.name.endsWith('.json')) JSON.parse(data.toString('utf8'));
}
for (const [relative, size] of JSON.parse(fs.readFileSync(manifestPath, 'utf8'))) {
  const target = path.join(output, relative);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, Buffer.alloc(size, 0x61));
}
