// Server-side field validation (`?fieldValidation=Strict|Warn|Ignore`, what kubectl's default
// `--validate=strict` sends once the OpenAPI v3 document advertises it). Modelled for custom
// resources, whose schema says which fields are known: Strict refuses unknown fields with the real
// server's 400 BadRequest message, Warn answers with a `Warning` header per field, Ignore (and no
// parameter) prunes silently. Built-in kinds are not checked (we keep no schema of them).
import type { ServerResponse } from 'node:http';
import { badRequest } from '../errors.ts';
import { unknownFields } from '../schema/defaults-prune.ts';
import type { JsonSchemaNode } from '../schema/structural.ts';
import type { ResourceType } from '../types.ts';

const DIRECTIVES = new Set(['Strict', 'Warn', 'Ignore']);

/** Checks a create or update body; throws 400 under Strict, sets warnings under Warn. */
export function checkFields(type: ResourceType, body: unknown, directive: string | null, response: ServerResponse): void {
  if (directive === null || directive === 'Ignore') return;
  if (!DIRECTIVES.has(directive))
    throw badRequest(`fieldValidation: Unsupported value: "${directive}": supported values: "Ignore", "Strict", "Warn"`);
  if (!type.schema) return;
  const unknown = unknownFields(body, type.schema as JsonSchemaNode, true);
  if (unknown.length === 0) return;
  const problems = unknown.map((field) => `unknown field "${field}"`);
  if (directive === 'Strict') {
    throw badRequest(
      `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: strict decoding error: ${problems.join(', ')}`,
    );
  }
  response.setHeader(
    'Warning',
    problems.map((problem) => `299 - ${JSON.stringify(problem)}`),
  );
}
