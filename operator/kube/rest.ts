// JSON requests to the Kubernetes API server, authenticated exactly as @kubernetes/client-node's
// generated API classes authenticate them: the KubeConfig's applySecurityAuthentication (token,
// client certificate, exec plugin, TLS dispatcher) and client-node's own HTTP library (undici).
// The operator needs about ten endpoints; the generated classes that cover all of Kubernetes
// cost it ~25 MB of resident memory once imported, so it uses this instead (docs/performance.md,
// "Operator"). Only deep imports of small client-node modules, never its index.
//
// Responses are the wire JSON: date-time fields arrive as strings, not as the Date objects
// client-node's model types declare (its generated classes convert them; this does not).
import type { KubeConfig } from '@kubernetes/client-node';
import { ApiException } from '@kubernetes/client-node/dist/gen/apis/exception.js';
import { HttpMethod, RequestContext } from '@kubernetes/client-node/dist/gen/http/http.js';
import { IsomorphicFetchHttpLibrary } from '@kubernetes/client-node/dist/gen/http/isomorphic-fetch.js';

export const JSON_CONTENT = 'application/json';
export const MERGE_PATCH = 'application/merge-patch+json';

const USER_AGENT = 'docc2context-operator';

export interface KubeRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Absolute API path, segments already encoded (see `apiPath`). */
  path: string;
  query?: Record<string, string | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /** Content-Type of the body; JSON unless a patch says otherwise. */
  contentType?: string;
}

/** An API path from literal prefixes and segments, each segment URI-encoded. */
export function apiPath(prefix: string, ...segments: string[]): string {
  return [prefix, ...segments.map(encodeURIComponent)].join('/');
}

export class KubeRest {
  private readonly kc: KubeConfig;
  private readonly http = new IsomorphicFetchHttpLibrary();

  constructor(kc: KubeConfig) {
    this.kc = kc;
  }

  /** The response body parsed as JSON; an ApiException (with `code`) for any non-2xx status. */
  async request<T>(request: KubeRequest): Promise<T> {
    const context = await this.context(request);
    const response = await this.http.send(context).toPromise();
    const text = await response.body.text();
    if (response.httpStatusCode < 200 || response.httpStatusCode > 299) {
      throw new ApiException<string>(response.httpStatusCode, `${request.method} ${request.path} failed`, text, response.headers);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async context(request: KubeRequest): Promise<RequestContext> {
    const server = this.kc.getCurrentCluster()?.server;
    if (!server) throw new Error('The kubeconfig names no current cluster');
    const context = new RequestContext(server.replace(/\/+$/, '') + request.path, HttpMethod[request.method]);
    for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) context.setQueryParam(name, value);
    context.setHeaderParam('Accept', JSON_CONTENT);
    context.setHeaderParam('User-Agent', USER_AGENT);
    if (request.body !== undefined) {
      context.setHeaderParam('Content-Type', request.contentType ?? JSON_CONTENT);
      context.setBody(JSON.stringify(request.body));
    }
    await this.kc.applySecurityAuthentication(context);
    return context;
  }
}
