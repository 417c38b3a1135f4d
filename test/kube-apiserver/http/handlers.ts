// The HTTP front: routes a request, counts it and applies injected faults, then runs the verb.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, badRequest, methodNotAllowed, pathNotFound } from '../errors.ts';
import type { RequestControls, Verb } from '../faults.ts';
import { listObjects } from '../listing.ts';
import type { DeleteOptions, ObjectApi } from '../object-api.ts';
import { APPLY_PATCH, patchedCandidate } from '../patch/patch-object.ts';
import type { Registry } from '../registry.ts';
import type { Storage } from '../storage.ts';
import type { KubeObject, ResourceScope } from '../types.ts';
import { decodeBody, mediaType, readBody } from './body.ts';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, versionInfo } from './discovery.ts';
import { checkFields } from './field-validation.ts';
import { openApiDocument, openApiRoot } from './openapi.ts';
import { route, type Route } from './router.ts';
import { tableOf, wantsTable } from './table.ts';
import type { WatchHub } from './watch-hub.ts';

export type ApplyFn = (
  scope: ResourceScope,
  name: string,
  patch: unknown,
  options: { fieldManager: string; force: boolean; dryRun: boolean },
) => KubeObject;

export interface HandlerDeps {
  registry: Registry;
  storage: Storage;
  api: ObjectApi;
  hub: WatchHub;
  controls: RequestControls;
  apply: ApplyFn;
  /** The server's clock (ages in Table answers). */
  clock: () => Date;
}

export type ResourceRoute = Extract<Route, { kind: 'resource' }>;

interface Call {
  deps: HandlerDeps;
  route: ResourceRoute;
  request: IncomingMessage;
  query: URLSearchParams;
}

function sendJson(response: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

function sendError(response: ServerResponse, error: unknown): void {
  const apiError =
    error instanceof ApiError ? error : new ApiError(500, 'InternalError', `Internal error occurred: ${(error as Error).message}`);
  if (response.headersSent) {
    response.destroy();
    return;
  }
  if (apiError.details?.retryAfterSeconds) response.setHeader('Retry-After', String(apiError.details.retryAfterSeconds));
  sendJson(response, apiError.code, apiError.toStatus());
}

function verbOf(method: string | undefined, r: ResourceRoute, query: URLSearchParams): Verb | undefined {
  const collection = r.name === undefined;
  const watching = query.get('watch') === 'true' || query.get('watch') === '1';
  const verbs: Record<string, Verb | undefined> = collection
    ? { GET: watching ? 'watch' : 'list', POST: 'create', DELETE: 'deletecollection' }
    : { GET: 'get', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };
  return verbs[method ?? 'GET'];
}

async function bodyOf(request: IncomingMessage): Promise<unknown> {
  const body = await readBody(request);
  return body.toString('utf8').trim() === '' ? undefined : decodeBody(body, mediaType(request));
}

async function objectBody(request: IncomingMessage): Promise<KubeObject> {
  const body = await bodyOf(request);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('the request body must be a JSON object');
  const obj = body as KubeObject;
  obj.metadata ??= {};
  return obj;
}

/** A create or update body, its fields checked as `fieldValidation` asks. */
async function checkedBody(call: Call, response: ServerResponse): Promise<KubeObject> {
  const body = await objectBody(call.request);
  checkFields(call.route.type, body, call.query.get('fieldValidation'), response);
  return body;
}

function writeOptions(call: Call): { fieldManager?: string; dryRun: boolean; subresource?: string } {
  return {
    // Without fieldManager the real server names the manager after the User-Agent's first word.
    fieldManager: call.query.get('fieldManager') ?? call.request.headers['user-agent']?.split('/')[0] ?? 'unknown',
    dryRun: call.query.get('dryRun') === 'All',
    subresource: call.route.subresource,
  };
}

async function deleteOptions(call: Call): Promise<DeleteOptions> {
  const body = ((await bodyOf(call.request)) ?? {}) as DeleteOptions;
  const policy = call.query.get('propagationPolicy');
  if (policy) body.propagationPolicy = policy as DeleteOptions['propagationPolicy'];
  if (call.query.get('dryRun') === 'All') body.dryRun = true;
  return body;
}

function listOptionsOf(query: URLSearchParams): { labelSelector?: string; fieldSelector?: string; limit?: number; continue?: string } {
  return {
    labelSelector: query.get('labelSelector') ?? undefined,
    fieldSelector: query.get('fieldSelector') ?? undefined,
    limit: query.has('limit') ? Number(query.get('limit')) : undefined,
    continue: query.get('continue') ?? undefined,
  };
}

/** 200 with the patched object; 201 when an apply created it. */
async function patch(call: Call, name: string): Promise<[number, unknown]> {
  const { api } = call.deps;
  const { type, namespace } = call.route;
  const contentType = mediaType(call.request);
  const body = await bodyOf(call.request);
  const options = writeOptions(call);
  if (contentType === APPLY_PATCH) {
    if (!call.query.get('fieldManager') || !options.fieldManager)
      throw new ApiError(
        422,
        'Invalid',
        'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      );
    const existed = api.find(type, namespace, name) !== undefined;
    const applied = call.deps.apply(call.route, name, body, {
      fieldManager: options.fieldManager,
      force: call.query.get('force') === 'true',
      dryRun: options.dryRun,
    });
    return [existed ? 200 : 201, applied];
  }
  const current = api.get(type, namespace, name);
  return [200, api.replaceFrom(type, current, patchedCandidate(type, current, contentType, body), options)];
}

async function deleteCollection(call: Call): Promise<unknown> {
  const { storage, api } = call.deps;
  const { type, namespace } = call.route;
  const options = await deleteOptions(call);
  const list = listObjects(storage, type, namespace, listOptionsOf(call.query));
  for (const item of list.items) api.delete({ type, namespace: item.metadata.namespace, name: item.metadata.name ?? '' }, options);
  return list;
}

async function runVerb(call: Call, verb: Verb, response: ServerResponse): Promise<[number, unknown] | undefined> {
  const { api, storage, hub } = call.deps;
  const { type, namespace, name = '' } = call.route;
  switch (verb) {
    case 'get':
      return [200, api.get(type, namespace, name)];
    case 'list':
      return [200, listObjects(storage, type, namespace, listOptionsOf(call.query))];
    case 'create':
      return [201, api.create(type, namespace, await checkedBody(call, response), writeOptions(call))];
    case 'update':
      return [200, api.update({ type, namespace, name }, await checkedBody(call, response), writeOptions(call))];
    case 'patch':
      return patch(call, name);
    case 'delete':
      return [200, api.delete({ type, namespace, name }, await deleteOptions(call))];
    case 'deletecollection':
      return [200, await deleteCollection(call)];
    case 'watch':
      hub.open(watchRequestOf(call), response);
      return undefined;
  }
}

function watchRequestOf(call: Call): Parameters<WatchHub['open']>[0] {
  const { query } = call;
  return {
    type: call.route.type,
    namespace: call.route.namespace,
    resourceVersion: query.get('resourceVersion') ?? undefined,
    labelSelector: query.get('labelSelector') ?? undefined,
    fieldSelector: query.get('fieldSelector') ?? undefined,
    allowWatchBookmarks: query.get('allowWatchBookmarks') === 'true',
    timeoutSeconds: query.has('timeoutSeconds') ? Number(query.get('timeoutSeconds')) : undefined,
  };
}

async function handleResource(call: Call, response: ServerResponse): Promise<void> {
  const { type, namespace, subresource } = call.route;
  const verb = verbOf(call.request.method, call.route, call.query);
  if (!verb) throw methodNotAllowed();
  if (subresource !== undefined && (subresource !== 'status' || !type.hasStatus)) throw pathNotFound();
  // Across namespaces a namespaced resource can only be listed and watched.
  if (type.namespaced && namespace === undefined && verb !== 'list' && verb !== 'watch') {
    throw call.route.name === undefined ? methodNotAllowed() : pathNotFound();
  }
  const resource = subresource ? `${type.plural}/${subresource}` : type.plural;
  await call.deps.controls.admit({ verb, group: type.group, resource, subresource, namespace, name: call.route.name });
  const result = await runVerb(call, verb, response);
  if (result) sendJson(response, result[0], tableIfAsked(call, verb, result[1]));
}

/** get and list answer a Table when the client asks for one (kubectl get). */
function tableIfAsked(call: Call, verb: Verb, body: unknown): unknown {
  if ((verb !== 'get' && verb !== 'list') || call.route.subresource || !wantsTable(call.request)) return body;
  const now = call.deps.clock();
  if (verb === 'get')
    return tableOf(call.route.type, [body as KubeObject], { resourceVersion: (body as KubeObject).metadata.resourceVersion }, now);
  const list = body as { items: KubeObject[]; metadata: { resourceVersion?: string; continue?: string } };
  return tableOf(call.route.type, list.items, list.metadata, now);
}

function discoveryDocument(deps: HandlerDeps, r: Route): unknown {
  if (r.kind === 'discovery') {
    const documents = { api: apiVersions, apis: () => apiGroupList(deps.registry), version: versionInfo, health: () => 'ok' };
    return documents[r.document]();
  }
  if (r.kind === 'group') return apiGroup(deps.registry, r.group);
  if (r.kind === 'resource-list') return apiResourceList(deps.registry, r.group, r.version);
  if (r.kind === 'openapi') return r.prefix === undefined ? openApiRoot(deps.registry) : openApiDocument(deps.registry, r.prefix);
  return undefined;
}

async function handle(deps: HandlerDeps, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const r = route(deps.registry, url.pathname);
  if (r.kind === 'resource') return handleResource({ deps, route: r, request, query: url.searchParams }, response);
  const document = discoveryDocument(deps, r);
  if (document === undefined) throw pathNotFound();
  sendJson(response, 200, document);
}

export function createHandler(deps: HandlerDeps): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    handle(deps, request, response).catch((error: unknown) => sendError(response, error));
  };
}
