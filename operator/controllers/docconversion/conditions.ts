// Condition helpers (metav1.Condition semantics): one condition per type, and
// lastTransitionTime changes only when the status flips — a new reason or message alone
// keeps the old time, as the API conventions require.
import type { DocConversionCondition } from '../../api/docconversion.generated.ts';

export type ConditionInput = Omit<DocConversionCondition, 'lastTransitionTime'>;

export function findCondition(conditions: readonly DocConversionCondition[] | undefined, type: string): DocConversionCondition | undefined {
  return conditions?.find((condition) => condition.type === type);
}

/** Returns a new list with `next` set; the input is not modified. */
export function setCondition(
  conditions: readonly DocConversionCondition[] | undefined,
  next: ConditionInput,
  now: Date,
): DocConversionCondition[] {
  const current = findCondition(conditions, next.type);
  const lastTransitionTime = current && current.status === next.status ? current.lastTransitionTime : now.toISOString();
  const updated: DocConversionCondition = { ...next, lastTransitionTime };
  const others = (conditions ?? []).filter((condition) => condition.type !== next.type);
  return [...others, updated];
}

/** True when both lists say the same thing, ignoring order. */
export function sameConditions(
  a: readonly DocConversionCondition[] | undefined,
  b: readonly DocConversionCondition[] | undefined,
): boolean {
  if ((a?.length ?? 0) !== (b?.length ?? 0)) return false;
  return (a ?? []).every((condition) => {
    const other = findCondition(b, condition.type);
    return (
      other !== undefined &&
      other.status === condition.status &&
      other.reason === condition.reason &&
      other.message === condition.message &&
      other.observedGeneration === condition.observedGeneration &&
      other.lastTransitionTime === condition.lastTransitionTime
    );
  });
}
