import type { KubeObject } from '../../model/types.js';

/**
 * events.k8s.io/v1 is a second view of the core events, as a real API server serves it: the same
 * objects (same names, uids, resourceVersions) with renamed fields (involvedObject↔regarding,
 * message↔note, source↔deprecatedSource, first/lastTimestamp and count↔deprecated*,
 * reportingComponent↔reportingController), in the recorded key order, Go's omitempty applied.
 */
export function toEventsApi(core: KubeObject): KubeObject {
  const out: KubeObject = { kind: 'Event', apiVersion: 'events.k8s.io/v1', metadata: core.metadata };
  out.eventTime = core.eventTime ?? null;
  if (core.series) out.series = core.series;
  if (core.reportingComponent) out.reportingController = core.reportingComponent;
  if (core.reportingInstance) out.reportingInstance = core.reportingInstance;
  if (core.action) out.action = core.action;
  if (core.reason) out.reason = core.reason;
  out.regarding = core.involvedObject ?? {};
  if (core.related) out.related = core.related;
  if (core.message) out.note = core.message;
  if (core.type) out.type = core.type;
  out.deprecatedSource = core.source ?? {};
  out.deprecatedFirstTimestamp = core.firstTimestamp ?? null;
  out.deprecatedLastTimestamp = core.lastTimestamp ?? null;
  if (core.count) out.deprecatedCount = core.count;
  return out;
}

/** The core event an events.k8s.io/v1 body stands for (what a write through that API stores). */
export function fromEventsApi(view: KubeObject): KubeObject {
  const out: KubeObject = { kind: 'Event', apiVersion: 'v1', metadata: view.metadata };
  out.involvedObject = view.regarding ?? {};
  if (view.reason) out.reason = view.reason;
  if (view.note) out.message = view.note;
  out.source = view.deprecatedSource ?? {};
  out.firstTimestamp = view.deprecatedFirstTimestamp ?? null;
  out.lastTimestamp = view.deprecatedLastTimestamp ?? null;
  if (view.deprecatedCount) out.count = view.deprecatedCount;
  if (view.type) out.type = view.type;
  out.eventTime = view.eventTime ?? null;
  if (view.series) out.series = view.series;
  if (view.action) out.action = view.action;
  if (view.related) out.related = view.related;
  out.reportingComponent = view.reportingController ?? '';
  out.reportingInstance = view.reportingInstance ?? '';
  return out;
}
