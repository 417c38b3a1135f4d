// Deep copies of JSON objects. A JSON round trip is about twice as fast as structuredClone for
// API objects, and drops undefined fields exactly as the wire would.
export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
