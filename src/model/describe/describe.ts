import yaml from 'js-yaml';
import type { ClusterIndexes } from '../indexes/cluster-indexes.js';
import type { KubeObject } from '../types.js';
import { describeConfigMap, describeNamespace, describeSecret, describeServiceAccount } from './config-describe.js';
import { DescribeWriter, writeEvents, writeMeta, type DescribeContext } from './describe-writer.js';
import { describePod } from './pod-describe.js';
import { describeService } from './service-describe.js';
import { describeCronJob, describeDaemonSet, describeDeployment, describeJob, describeReplicaSet, describeStatefulSet } from './workload-describe.js';
import { describeIngress } from './ingress-describe.js';

type Describer = (w: DescribeWriter, o: KubeObject, ctx: DescribeContext) => void;

// kubectl describe per kind; a kind without an entry gets the generic describe.
const DESCRIBERS: Record<string, Describer> = {
  Pod: describePod,
  Deployment: describeDeployment,
  ReplicaSet: describeReplicaSet,
  StatefulSet: describeStatefulSet,
  DaemonSet: describeDaemonSet,
  Job: describeJob,
  CronJob: describeCronJob,
  Ingress: describeIngress,
  Service: describeService,
  ConfigMap: describeConfigMap,
  Secret: describeSecret,
  Namespace: describeNamespace,
  ServiceAccount: describeServiceAccount,
};

/** Any other kind (CRDs included): the head, then its fields as YAML without metadata, then its events. */
function describeGeneric(w: DescribeWriter, o: KubeObject, ctx: DescribeContext): void {
  writeMeta(w, o, { namespace: !!o.metadata?.namespace });
  w.line(0, 'API Version:', String(o.apiVersion ?? ''));
  w.line(0, 'Kind:', String(o.kind ?? ''));
  const { apiVersion: _a, kind: _k, metadata: _m, ...rest } = o;
  // Secret-like payloads of unknown kinds are still shown only as field names.
  const body = yaml.dump(rest, { noRefs: true, lineWidth: -1, sortKeys: false }).trimEnd();
  if (body && body !== '{}') w.raw(`${body.replace(/\t/g, '    ')}\n`);
  writeEvents(w, ctx.events, ctx.now);
}

/** The text of `kubectl describe` for an object, from the caches (no extra requests). */
export function describe(o: KubeObject, indexes: ClusterIndexes, now: number): string {
  const w = new DescribeWriter();
  (DESCRIBERS[String(o.kind)] ?? describeGeneric)(w, o, { now, indexes, events: indexes.eventsFor(o) });
  return w.text();
}
