// The process's readiness to take work. The drain (server/server.ts) flips it on SIGTERM: /readyz answers 503 and new
// conversions are refused, while conversions already running finish.
export class Lifecycle {
  private drainingSince: number | undefined;

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  startDraining(now: number = Date.now()): void {
    this.drainingSince ??= now;
  }
}
