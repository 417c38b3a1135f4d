// Messages between the pool and its worker threads, and the worker-side loop. A worker module
// calls serveTasks(handler) once; the pool posts one task at a time to each worker.
import { parentPort } from 'node:worker_threads';

export interface TaskMessage<T> {
  id: number;
  task: T;
}

export interface SerializedError {
  name: string;
  message: string;
  /** A machine-readable `reason` the error carried (EngineError's zip refusals). */
  reason?: string;
}

export type ResultMessage<R> = { id: number; ok: true; result: R } | { id: number; ok: false; error: SerializedError };

/** A task that failed inside the worker, with the original error's name and message. */
export class TaskError extends Error {
  readonly errorName: string;
  readonly reason: string | undefined;

  constructor(error: SerializedError) {
    super(error.message);
    this.name = 'TaskError';
    this.errorName = error.name;
    this.reason = error.reason;
  }
}

function serialize(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { reason } = error as { reason?: unknown };
  return { name: error.name, message: error.message, ...(typeof reason === 'string' && { reason }) };
}

/** Runs in a worker thread: answers every task message with the handler's result or error. */
export function serveTasks<T, R>(handler: (task: T) => Promise<R>): void {
  const port = parentPort;
  if (port === null) throw new Error('serveTasks() must run inside a worker thread');
  port.on('message', (message: TaskMessage<T>) => {
    handler(message.task).then(
      (result) => port.postMessage({ id: message.id, ok: true, result } satisfies ResultMessage<R>),
      (error: unknown) => port.postMessage({ id: message.id, ok: false, error: serialize(error) } satisfies ResultMessage<R>),
    );
  });
}
