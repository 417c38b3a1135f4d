// The per-conversion output cap (MAX_OUTPUT_BYTES): every byte written is charged, and a renderer
// may ask whether a page it is still building would fit, so a hostile archive is stopped while
// its page is being rendered rather than after gigabytes of Markdown were built.
import { EngineError } from '../api.ts';
import type { OutputSink, OutputStats } from './output-sink.ts';

const MIB = 1024 * 1024;

export function outputTooLarge(maxBytes: number): EngineError {
  const shown = maxBytes >= MIB ? `${Math.round(maxBytes / MIB)} MiB` : `${maxBytes} bytes`;
  return new EngineError(`The conversion produces more than ${shown} of output (MAX_OUTPUT_BYTES).`, { reason: 'output-too-large' });
}

export function isOutputTooLarge(error: unknown): boolean {
  return error instanceof EngineError && error.reason === 'output-too-large';
}

export class OutputBudget {
  readonly maxBytes: number;
  private used = 0;

  constructor(maxBytes: number = Number.POSITIVE_INFINITY) {
    this.maxBytes = maxBytes;
  }

  /** Counts bytes written; throws once the total passes the cap. */
  charge(bytes: number): void {
    this.used += bytes;
    if (this.used > this.maxBytes) throw outputTooLarge(this.maxBytes);
  }

  /** Throws when `pending` more bytes (a page still being rendered) would pass the cap. */
  ensureFits(pending: number): void {
    if (this.used + pending > this.maxBytes) throw outputTooLarge(this.maxBytes);
  }
}

/** An OutputSink that charges every file to the budget before writing it. */
export class BudgetedSink implements OutputSink {
  private readonly inner: OutputSink;
  private readonly budget: OutputBudget;

  constructor(inner: OutputSink, budget: OutputBudget) {
    this.inner = inner;
    this.budget = budget;
  }

  async writeFile(relativePath: string, content: string): Promise<void> {
    this.budget.charge(Buffer.byteLength(content, 'utf8'));
    await this.inner.writeFile(relativePath, content);
  }

  makeDirectory(relativePath: string): Promise<void> {
    return this.inner.makeDirectory(relativePath);
  }

  commit(): Promise<OutputStats> {
    return this.inner.commit();
  }

  abort(): Promise<void> {
    return this.inner.abort();
  }
}
