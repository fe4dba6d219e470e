import { at, int, list, str } from '../columns/read.js';
import { translateTimestampSince } from '../format/duration.js';
import { sanitize } from '../sanitize.js';
import type { KubeObject } from '../types.js';
import { CONTAINER_METRICS_HEADERS, containerMetricsCells } from '../columns/metrics-columns.js';
import type { PodUsage } from '../metrics/usage-data.js';
import type { Health } from './row-health.js';
import { eachOf, type FieldPaths } from '../slim/field-paths.js';

/** The fields of a pod its containers table reads. */
export const CONTAINER_ROW_FIELDS: FieldPaths = [
  ...eachOf(['status.containerStatuses', 'status.initContainerStatuses'], ['name', 'ready', 'restartCount', 'state']),
  ...eachOf(['spec.containers', 'spec.initContainers'], ['name', 'image', 'ports', 'livenessProbe', 'readinessProbe', 'startupProbe']),
];

/** One container of a pod, as its drill-down table shows it. */
export interface ContainerRow {
  key: string;
  name: string;
  init: boolean;
  cells: string[];
  health: Health;
}

/** Headers of the containers table. */
// State first, details after AGE: narrow terminals shrink the columns after AGE first.
export const CONTAINER_HEADERS = ['NAME', 'READY', 'STATE', 'RESTARTS', 'AGE', 'IMAGE', 'PORTS', 'PROBES'];

/** The containers table's headers; with metrics, k9s's CPU and memory columns before AGE. */
export function containerHeaders(metrics: boolean): string[] {
  return metrics ? [...CONTAINER_HEADERS.slice(0, 4), ...CONTAINER_METRICS_HEADERS, ...CONTAINER_HEADERS.slice(4)] : CONTAINER_HEADERS;
}

const portText = (v: unknown): string => (typeof v === 'number' ? String(v) : str(v));

/** A probe in a few characters: `http /healthz:8080`, `tcp :5432`, `exec`. */
export function probeText(p: unknown): string {
  if (!p || typeof p !== 'object') return '';
  const h = at(p, 'httpGet');
  if (h) return `http ${str(at(h, 'path')) || '/'}:${portText(at(h, 'port'))}`;
  if (at(p, 'tcpSocket')) return `tcp :${portText(at(p, 'tcpSocket', 'port'))}`;
  if (at(p, 'grpc')) return `grpc :${portText(at(p, 'grpc', 'port'))}`;
  if (at(p, 'exec')) return 'exec';
  return '?';
}

/** A container state as a word (Running, CrashLoopBackOff, Terminated: Error), its health and since when. */
export function stateText(s: unknown): { text: string; health: Health; since?: string } {
  if (at(s, 'running')) return { text: 'Running', health: 'ok', since: str(at(s, 'running', 'startedAt')) };
  if (at(s, 'terminated')) {
    const code = int(at(s, 'terminated', 'exitCode'));
    return { text: `Terminated: ${str(at(s, 'terminated', 'reason')) || `exit ${code}`}`, health: code === 0 ? 'done' : 'error', since: str(at(s, 'terminated', 'finishedAt')) };
  }
  const reason = str(at(s, 'waiting', 'reason')) || 'Waiting';
  return { text: reason, health: /BackOff|Err|Invalid/.test(reason) ? 'error' : 'warn' };
}

/** The rows of a pod's containers (init containers first), from spec and status; with the pod's usage, its metrics cells too. */
export function containerRows(pod: KubeObject, now: number, usage?: PodUsage): ContainerRow[] {
  const statuses = [...list(at(pod, 'status', 'initContainerStatuses')), ...list(at(pod, 'status', 'containerStatuses'))];
  const specs = [...list(at(pod, 'spec', 'initContainers')).map((c) => ({ c, init: true })), ...list(at(pod, 'spec', 'containers')).map((c) => ({ c, init: false }))];
  return specs.map(({ c, init }) => {
    const name = str(at(c, 'name'));
    const st = statuses.find((s) => at(s, 'name') === name);
    const state = st ? stateText(at(st, 'state')) : { text: 'Waiting', health: 'warn' as Health };
    const ports = list(at(c, 'ports')).map((p) => `${str(at(p, 'name')) ? str(at(p, 'name')) + ':' : ''}${int(at(p, 'containerPort'))}/${str(at(p, 'protocol')) || 'TCP'}`);
    const probes = [['L', at(c, 'livenessProbe')], ['R', at(c, 'readinessProbe')], ['S', at(c, 'startupProbe')]].filter(([, p]) => p).map(([k, p]) => `${k}:${probeText(p)}`);
    const health = st && !init && !at(st, 'ready') && state.health === 'ok' ? 'warn' : state.health;
    return {
      key: name,
      name,
      init,
      health,
      cells: [
        init ? `${name} (init)` : name,
        st ? (at(st, 'ready') ? 'true' : 'false') : 'false',
        state.text,
        String(int(at(st, 'restartCount'))),
        ...(usage ? containerMetricsCells(c, usage.containers.get(name)) : []),
        state.since ? translateTimestampSince(state.since, now) : '<unknown>',
        str(at(c, 'image')),
        ports.join(',') || '<none>',
        probes.join(' ') || '<none>',
      ].map((t) => sanitize(t, true)),
    };
  });
}
