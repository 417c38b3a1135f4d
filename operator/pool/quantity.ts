// Kubernetes resource quantities ("500m", "2", "1Gi", "1.5G"): validation and numeric values,
// so the configuration can check request ≤ limit, derive workers from the CPU limit, and the
// drift check can see that "1000m" and "1" are the same quantity.
const QUANTITY = /^(\d+(?:\.\d+)?|\.\d+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;

const SUFFIXES: Readonly<Record<string, number>> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** The quantity's value in base units (cores, bytes), or undefined when it is not a quantity. */
export function quantityValue(text: string): number | undefined {
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * SUFFIXES[match[2] ?? ''];
}

export function isQuantity(text: string): boolean {
  return quantityValue(text) !== undefined;
}

/** Whole cores a CPU quantity allows a pod to use at once, at least 1 ("2" → 2, "1500m" → 2, "500m" → 1). */
export function wholeCores(cpu: string): number {
  return Math.max(1, Math.ceil((quantityValue(cpu) ?? 1) - 1e-9));
}
