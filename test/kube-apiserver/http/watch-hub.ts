// Watch streams: newline-delimited JSON events over a chunked response that stays open. Replays
// the retained history after the requested resourceVersion, then follows live changes; sends
// BOOKMARKs when asked; ends at timeoutSeconds; 410 Expired comes as an ERROR event.
import type { ServerResponse } from 'node:http';
import { ApiError } from '../errors.ts';
import { withTypeMeta } from '../object-rules.ts';
import { parseFieldSelector, parseLabelSelector, type ObjectPredicate } from '../selectors.ts';
import type { Change, Storage } from '../storage.ts';
import { apiVersionOf, storageKeyOf, type KubeObject, type ResourceType } from '../types.ts';

export interface WatchRequest {
  type: ResourceType;
  namespace?: string;
  resourceVersion?: string;
  labelSelector?: string;
  fieldSelector?: string;
  allowWatchBookmarks: boolean;
  timeoutSeconds?: number;
}

interface Stream {
  request: WatchRequest;
  response: ServerResponse;
  close: (abrupt: boolean) => void;
}

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

function write(response: ServerResponse, type: EventType, object: unknown): void {
  response.write(`${JSON.stringify({ type, object })}\n`);
}

/** How a change looks through a selector: objects entering or leaving it are ADDED or DELETED. */
export function eventFor(change: Change, matches: ObjectPredicate): { type: EventType; object: KubeObject } | undefined {
  const now = change.type !== 'DELETED' && matches(change.object);
  const before = change.type === 'ADDED' ? false : matches(change.previous ?? change.object);
  if (change.type === 'DELETED') return before ? { type: 'DELETED', object: change.object } : undefined;
  if (now && before) return { type: 'MODIFIED', object: change.object };
  if (now) return { type: 'ADDED', object: change.object };
  return before ? { type: 'DELETED', object: change.object } : undefined;
}

export class WatchHub {
  readonly #storage: Storage;
  readonly #bookmarkIntervalMs: number;
  readonly #streams = new Set<Stream>();

  constructor(storage: Storage, bookmarkIntervalMs: number) {
    this.#storage = storage;
    this.#bookmarkIntervalMs = bookmarkIntervalMs;
  }

  get openCount(): number {
    return this.#streams.size;
  }

  /** Opens a stream; throws (before any byte is written) when the request is malformed. */
  open(request: WatchRequest, response: ServerResponse): void {
    const { type } = request;
    const labels = parseLabelSelector(request.labelSelector);
    const fields = parseFieldSelector(request.fieldSelector, type.extraFieldSelectors);
    const matches: ObjectPredicate = (obj) =>
      (request.namespace === undefined || obj.metadata.namespace === request.namespace) && labels(obj) && fields(obj);
    response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
    response.flushHeaders();
    const send = (change: Change): void => {
      const event = change.storageKey === storageKeyOf(type) ? eventFor(change, matches) : undefined;
      if (event) write(response, event.type, withTypeMeta(type, event.object));
    };
    if (!this.#replay(request, response, matches, send)) return;
    const unsubscribe = this.#storage.subscribe(send);
    const timers = this.#timers(request, response, () => stream.close(false));
    let closed = false;
    const stream: Stream = {
      request,
      response,
      close: (abrupt) => {
        if (closed) return;
        closed = true;
        unsubscribe();
        timers.forEach((t) => clearInterval(t));
        this.#streams.delete(stream);
        if (abrupt) response.destroy();
        else response.end();
      },
    };
    this.#streams.add(stream);
    response.on('close', () => stream.close(false));
  }

  /** Ends every open watch; `abrupt` resets the connections instead of ending them cleanly. */
  dropAll(abrupt = false): number {
    const count = this.#streams.size;
    for (const stream of [...this.#streams]) stream.close(abrupt);
    return count;
  }

  /** Sends a BOOKMARK at the current resourceVersion to every watch that allows them. */
  sendBookmarks(): void {
    for (const stream of this.#streams) {
      if (stream.request.allowWatchBookmarks) this.#bookmark(stream.request.type, stream.response);
    }
  }

  #bookmark(type: ResourceType, response: ServerResponse): void {
    write(response, 'BOOKMARK', {
      kind: type.kind,
      apiVersion: apiVersionOf(type),
      metadata: { resourceVersion: String(this.#storage.revision) },
    });
  }

  /** Writes the initial events; returns false when the stream ended with an ERROR. */
  #replay(request: WatchRequest, response: ServerResponse, matches: ObjectPredicate, send: (c: Change) => void): boolean {
    const { type, resourceVersion } = request;
    if (!resourceVersion || resourceVersion === '0') {
      for (const obj of this.#storage.list(storageKeyOf(type), request.namespace)) {
        if (matches(obj)) write(response, 'ADDED', withTypeMeta(type, obj));
      }
      return true;
    }
    try {
      this.#storage.changesSince(storageKeyOf(type), Number(resourceVersion)).forEach(send);
      return true;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      write(response, 'ERROR', error.toStatus());
      response.end();
      return false;
    }
  }

  #timers(request: WatchRequest, response: ServerResponse, end: () => void): NodeJS.Timeout[] {
    const timers: NodeJS.Timeout[] = [];
    if (request.allowWatchBookmarks && this.#bookmarkIntervalMs > 0) {
      timers.push(setInterval(() => this.#bookmark(request.type, response), this.#bookmarkIntervalMs));
    }
    if (request.timeoutSeconds && request.timeoutSeconds > 0) timers.push(setTimeout(end, request.timeoutSeconds * 1000));
    return timers;
  }
}
