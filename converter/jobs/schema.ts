// JSON Schema of the job API request (common/contract/conversion-job.ts), checked with ajv before
// anything else happens. docs/openapi.yaml carries the same schema; a test keeps them equal.
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { ConversionJobRequest } from '../../common/contract/conversion-job.ts';
import { optionConflict } from '../../common/contract/conversion-job.ts';
import { AppError } from '../errors.ts';

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export const JOB_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:/-]{0,252}$';

export const CONVERSION_JOB_REQUEST_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'source'],
  properties: {
    id: { type: 'string', pattern: JOB_ID_PATTERN, description: 'Idempotency key of the job.' },
    source: {
      oneOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['url'],
          properties: {
            url: { type: 'string', format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://', maxLength: 4096 },
            sha256: { type: 'string', pattern: '^[0-9a-fA-F]{64}$' },
          },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['inline'],
          properties: { inline: { type: 'string', pattern: '^[A-Za-z0-9+/]*={0,2}$', minLength: 4 } },
        },
      ],
    },
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        profile: { enum: ['rich', 'swift-compat'] },
        symbolLayout: { enum: ['tree', 'single'] },
        tutorialLayout: { enum: ['chapter', 'single'] },
        technologies: { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 200 } },
        frontMatter: { type: 'boolean' },
      },
    },
    output: {
      oneOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['retain'],
          properties: {
            retain: {
              type: 'object',
              additionalProperties: false,
              properties: { ttlSeconds: { type: 'integer', minimum: 1 } },
            },
          },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['url'],
          properties: { url: { type: 'string', format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://', maxLength: 8192 } },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['return'],
          properties: { return: { const: true } },
        },
      ],
    },
    timeoutSeconds: { type: 'integer', minimum: 1, maximum: 86_400 },
  },
} as const;

export type JobRequestValidator = (body: unknown) => ConversionJobRequest;

export function createJobRequestValidator(): JobRequestValidator {
  const ajv = new Ajv({ allErrors: false, strict: true });
  addFormats(ajv);
  const validate = ajv.compile(CONVERSION_JOB_REQUEST_SCHEMA);
  return (body) => {
    if (validate(body)) {
      const request = body as unknown as ConversionJobRequest;
      const conflict = optionConflict(request.options ?? {});
      if (conflict) throw new AppError('BAD_REQUEST', `Invalid job request: ${conflict}`);
      return request;
    }
    const first = validate.errors?.[0];
    const where = first?.instancePath === '' || first === undefined ? 'request' : first.instancePath;
    throw new AppError('BAD_REQUEST', `Invalid job request: ${where} ${first?.message ?? 'is invalid'}`);
  };
}
