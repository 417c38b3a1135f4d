// A stream to hand a logger in tests: it keeps every JSON line written to it, parsed, in order.
import { PassThrough } from 'node:stream';

export class LogCapture extends PassThrough {
  lines: Record<string, unknown>[] = [];
  constructor() {
    super();
    this.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) this.lines.push(JSON.parse(line) as Record<string, unknown>);
    });
  }
}
