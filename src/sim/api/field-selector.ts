import type { KubeObject } from '../../model/types.js';
import { badRequest } from './status-error.js';

/** One parsed field requirement: `path` equals (or not) `value`. */
interface FieldRequirement {
  path: string;
  value: string;
  negate: boolean;
}

const COMMON = ['metadata.name', 'metadata.namespace'];

// The fields each resource lets clients select on, as the real API server allows.
const SELECTABLE: Record<string, string[]> = {
  pods: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'status.phase', 'status.podIP', 'status.nominatedNodeName', 'spec.hostNetwork'],
  events: [
    'involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid',
    'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath',
    'reason', 'reportingComponent', 'source', 'type',
  ],
  secrets: ['type'],
  nodes: ['spec.unschedulable'],
  namespaces: ['status.phase'],
  'replicasets.apps': ['status.replicas'],
  'jobs.batch': ['status.successful'],
};

/** A compiled field selector. */
export type FieldSelector = (obj: KubeObject) => boolean;

function valueAt(obj: KubeObject, path: string): string {
  let cur: any = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = cur[part];
  }
  // `source` on events selects on source.component.
  if (path === 'source' && cur && typeof cur === 'object') return String(cur.component ?? '');
  return cur === undefined || cur === null ? '' : String(cur);
}

/** Parses `a=b,c!=d` for one resource; unsupported fields answer 400 as on a real server. */
export function parseFieldSelector(key: string, text: string | null): FieldSelector {
  if (!text) return () => true;
  const allowed = new Set([...COMMON, ...(SELECTABLE[key] ?? [])]);
  const reqs: FieldRequirement[] = text.split(',').map((term) => {
    const m = /^\s*([^!=\s]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(term);
    if (!m) throw badRequest(`invalid field selector: ${JSON.stringify(term)}`);
    if (!allowed.has(m[1])) throw badRequest(`field label not supported: ${m[1]}`);
    return { path: m[1], value: m[3], negate: m[2] === '!=' };
  });
  return (obj) => reqs.every((r) => (valueAt(obj, r.path) === r.value) !== r.negate);
}
