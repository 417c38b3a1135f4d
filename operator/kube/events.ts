// Records Kubernetes Events (events.k8s.io/v1) about objects the operator manages. Events are
// best effort: a failed write is logged and never fails a reconcile.
import type { EventsV1Event, KubernetesObject } from '@kubernetes/client-node';
import { V1MicroTime } from '@kubernetes/client-node/dist/types.js';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../../common/logger.ts';
import type { EventApi } from './client.ts';
import type { Clock } from '../clock.ts';
import { LOG } from '../../common/log-fields.ts';

export interface EventToRecord {
  type: 'Normal' | 'Warning';
  /** UpperCamelCase, stable for automation. */
  reason: string;
  /** Human-readable; at most 1 KiB is kept. */
  note: string;
  /** What the operator did, e.g. Dispatch, Reconcile. */
  action: string;
}

export interface EventRecorderDeps {
  events: EventApi;
  logger: Logger;
  /** reportingController, e.g. docc2context.io/operator */
  controller: string;
  /** reportingInstance: this replica's identity. */
  instance: string;
  clock: Clock;
}

export class EventRecorder {
  private readonly deps: EventRecorderDeps;
  /** Events written and dropped since start; read by metrics and the benchmark. */
  written = 0;
  dropped = 0;

  constructor(deps: EventRecorderDeps) {
    this.deps = deps;
  }

  async record(object: KubernetesObject, event: EventToRecord): Promise<void> {
    const body = buildEvent(object, event, this.deps);
    try {
      await this.deps.events.createNamespacedEvent({ namespace: body.metadata?.namespace ?? 'default', body });
      this.written += 1;
    } catch (error) {
      this.dropped += 1;
      this.deps.logger.warn('Dropped event', {
        [LOG.error]: error,
        [LOG.kubeEventReason]: event.reason,
        [LOG.orchestratorNamespace]: body.metadata?.namespace,
      });
    }
  }
}

export function buildEvent(
  object: KubernetesObject,
  event: EventToRecord,
  deps: Pick<EventRecorderDeps, 'controller' | 'instance' | 'clock'>,
): EventsV1Event {
  const meta = object.metadata ?? {};
  return {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: { name: `${meta.name ?? 'object'}.${randomBytes(8).toString('hex')}`, namespace: meta.namespace },
    eventTime: new V1MicroTime(deps.clock.now()),
    type: event.type,
    reason: event.reason,
    action: event.action,
    note: event.note.slice(0, 1024),
    reportingController: deps.controller,
    reportingInstance: deps.instance,
    regarding: {
      apiVersion: object.apiVersion,
      kind: object.kind,
      name: meta.name,
      namespace: meta.namespace,
      uid: meta.uid,
      resourceVersion: meta.resourceVersion,
    },
  };
}
