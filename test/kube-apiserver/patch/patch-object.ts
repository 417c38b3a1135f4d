// Turns a PATCH request into the candidate object, by patch type. Server-side apply is separate
// (it needs the field managers), see ../apply/.
import { ApiError, badRequest, unsupportedMediaType } from '../errors.ts';
import type { KubeObject, ResourceType } from '../types.ts';
import { jsonPatch, JsonPatchError } from './json-patch.ts';
import { isPlainObject, mergePatch } from './merge-patch.ts';
import { strategicMerge } from './strategic-merge.ts';

export const JSON_PATCH = 'application/json-patch+json';
export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
export const APPLY_PATCH = 'application/apply-patch+yaml';

function asObject(value: unknown): KubeObject {
  if (!isPlainObject(value) || !isPlainObject(value.metadata)) throw badRequest('the patch produced an object without metadata');
  return value as KubeObject;
}

export function patchedCandidate(type: ResourceType, current: KubeObject, contentType: string, patch: unknown): KubeObject {
  switch (contentType) {
    case JSON_PATCH:
      try {
        return asObject(jsonPatch(current, patch));
      } catch (error) {
        if (error instanceof JsonPatchError) throw new ApiError(422, 'Invalid', error.message);
        throw error;
      }
    case MERGE_PATCH:
      if (!isPlainObject(patch)) throw badRequest('a merge patch must be a JSON object');
      return asObject(mergePatch(current, patch));
    case STRATEGIC_MERGE_PATCH:
      if (type.custom || !isPlainObject(patch)) throw unsupportedMediaType(contentType);
      return asObject(strategicMerge(current, patch, type.listMapKeys));
    default:
      throw unsupportedMediaType(contentType);
  }
}
