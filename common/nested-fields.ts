// ECS accepts a field as `log.level` or as `log: { level }`. The formatter writes its own fields
// dotted while ours are objects; a log pipeline then meets both styles in one line. Every line
// is written nested instead: one style, the one our own fields use.

/** Moves each dotted top-level key into nested objects, in place: `{'log.level': x}` → `{log: {level: x}}`. */
export function nestDottedKeys(record: Record<string, unknown>): void {
  for (const key of Object.keys(record)) {
    if (!key.includes('.')) continue;
    const value = record[key];
    delete record[key];
    const parts = key.split('.');
    const leaf = parts.pop() as string;
    objectAt(record, parts)[leaf] = value;
  }
}

function objectAt(record: Record<string, unknown>, path: readonly string[]): Record<string, unknown> {
  let target = record;
  for (const part of path) {
    const next = target[part];
    // A scalar already at this name stays reachable as `value` (ECS's own convention for such clashes).
    if (typeof next !== 'object' || next === null || Array.isArray(next)) target[part] = next === undefined ? {} : { value: next };
    target = target[part] as Record<string, unknown>;
  }
  return target;
}
