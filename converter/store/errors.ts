// The one error the store lets through to callers: a bulk value (a result blob) could not be
// moved within its own time budget. It is that call's failure, not a verdict on Redis: callers
// answer it like a degraded store (503 + Retry-After), never as "not found".
export class StoreUnavailableError extends Error {
  constructor(message = 'The shared store did not answer in time') {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}
