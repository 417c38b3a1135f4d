// Test controls over requests: counting by verb and resource, and injected delays or failures
// for the next N requests that match.
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from './errors.ts';

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export interface RequestInfo {
  verb: Verb;
  group: string;
  /** Plural resource name, with `/status` for the subresource: `docconversions/status`. */
  resource: string;
  /** The subresource alone (`status`), as RBAC rules name it after the plural. */
  subresource?: string;
  namespace?: string;
  /** The object's name, for requests on one object (RBAC `resourceNames`). */
  name?: string;
}

export interface RequestMatch {
  verb?: Verb;
  group?: string;
  resource?: string;
  namespace?: string;
}

export interface FaultRule extends RequestMatch {
  /** How many matching requests this rule applies to (default 1). */
  times?: number;
  /** Wait this long before handling the request. */
  delayMs?: number;
  /** Fail with this HTTP status (500 when only `reason`/`message` are given). */
  status?: number;
  reason?: string;
  message?: string;
}

const REASONS: Record<number, string> = {
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
  409: 'Conflict',
  403: 'Forbidden',
};

function matches(match: RequestMatch, info: RequestInfo): boolean {
  return (
    (match.verb === undefined || match.verb === info.verb) &&
    (match.group === undefined || match.group === info.group) &&
    (match.resource === undefined || match.resource === info.resource) &&
    (match.namespace === undefined || match.namespace === info.namespace)
  );
}

export class RequestControls {
  readonly #log: RequestInfo[] = [];
  readonly #rules: Array<FaultRule & { remaining: number }> = [];

  /** Every resource request seen since the last reset, in order. */
  requests(): readonly RequestInfo[] {
    return this.#log;
  }

  count(match: RequestMatch = {}): number {
    return this.#log.filter((info) => matches(match, info)).length;
  }

  /** Counts keyed `"<verb> <group>/<resource>"` (group empty for core): for benchmark tables. */
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const info of this.#log) {
      const key = `${info.verb} ${info.group}/${info.resource}`;
      out[key] = (out[key] ?? 0) + 1;
    }
    return out;
  }

  resetCounts(): void {
    this.#log.length = 0;
  }

  inject(rule: FaultRule): void {
    this.#rules.push({ ...rule, remaining: rule.times ?? 1 });
  }

  clearFaults(): void {
    this.#rules.length = 0;
  }

  /** Records the request and applies the first matching rule: waits, then maybe throws. */
  async admit(info: RequestInfo): Promise<void> {
    this.#log.push(info);
    const index = this.#rules.findIndex((rule) => matches(rule, info));
    if (index < 0) return;
    const rule = this.#rules[index];
    if (--rule.remaining <= 0) this.#rules.splice(index, 1);
    if (rule.delayMs) await sleep(rule.delayMs);
    if (rule.status === undefined && rule.reason === undefined && rule.message === undefined) return;
    const status = rule.status ?? 500;
    const details = status === 429 ? { retryAfterSeconds: 1 } : undefined;
    throw new ApiError(
      status,
      rule.reason ?? REASONS[status] ?? 'InternalError',
      rule.message ?? 'Internal error occurred: injected fault',
      details,
    );
  }
}
