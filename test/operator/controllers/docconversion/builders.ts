// Test builders for DocConversion objects in each lifecycle state.
import { FINALIZER } from '../../../../operator/api/constants.ts';
import type { DocConversion, DocConversionStatus } from '../../../../operator/api/docconversion.generated.ts';

export const T0 = new Date('2026-01-01T00:00:00.000Z');

export function at(seconds: number): Date {
  return new Date(T0.getTime() + seconds * 1000);
}

export function conversion(
  overrides: { status?: DocConversionStatus; finalizer?: boolean; deleting?: Date; spec?: Partial<DocConversion['spec']> } = {},
): DocConversion {
  return {
    apiVersion: 'docc2context.io/v1alpha1',
    kind: 'DocConversion',
    metadata: {
      name: 'sloth',
      namespace: 'docs',
      uid: 'uid-1',
      generation: 1,
      resourceVersion: '7',
      finalizers: overrides.finalizer === false ? undefined : [FINALIZER],
      deletionTimestamp: overrides.deleting,
    },
    spec: { source: { url: 'https://example.com/sloth.zip' }, retries: 2, timeoutSeconds: 600, ...overrides.spec },
    status: overrides.status,
  };
}

export function running(attempts = 1, since = T0): DocConversionStatus {
  return {
    phase: 'Running',
    attempts,
    jobId: `job-${attempts}`,
    startTime: since.toISOString(),
    observedGeneration: 1,
    conditions: [
      {
        type: 'Succeeded',
        status: 'Unknown',
        reason: 'Running',
        message: 'm',
        lastTransitionTime: since.toISOString(),
        observedGeneration: 1,
      },
    ],
  };
}
