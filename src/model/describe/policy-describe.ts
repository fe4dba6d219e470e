import { at, int, list, str, text } from '../columns/read.js';
import { formatSelector, fromLabelSelector } from '../label-selector.js';
import type { KubeObject } from '../types.js';
import { writeAnnotations, writeEvents, writeLabels, type DescribeContext, type DescribeWriter } from './describe-writer.js';

/** `kubectl describe poddisruptionbudget`. */
export function describePodDisruptionBudget(w: DescribeWriter, pdb: KubeObject, ctx: DescribeContext): void {
  w.line(0, 'Name:', String(pdb.metadata?.name ?? ''));
  w.line(0, 'Namespace:', String(pdb.metadata?.namespace ?? ''));
  const min = at(pdb, 'spec', 'minAvailable');
  const max = at(pdb, 'spec', 'maxUnavailable');
  if (min !== undefined && min !== null) w.line(0, 'Min available:', text(min));
  else if (max !== undefined && max !== null) w.line(0, 'Max unavailable:', text(max));
  const selector = at(pdb, 'spec', 'selector');
  const parsed = selector ? fromLabelSelector(selector as never) : null;
  w.line(0, 'Selector:', selector ? (parsed && parsed.length ? formatSelector(parsed) : '<none>') : '<unset>');
  w.line(0, 'Status:');
  w.line(2, 'Allowed disruptions:', int(at(pdb, 'status', 'disruptionsAllowed')));
  w.line(2, 'Current:', int(at(pdb, 'status', 'currentHealthy')));
  w.line(2, 'Desired:', int(at(pdb, 'status', 'desiredHealthy')));
  w.line(2, 'Total:', int(at(pdb, 'status', 'expectedPods')));
  writeEvents(w, ctx);
}

interface Rule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

const strings = (v: unknown) => list(v).map(String);
const goList = (xs: string[]) => `[${xs.join(' ')}]`;
// The generated String() of rbacv1.PolicyRule, which kubectl sorts the compacted rules by.
const ruleKey = (r: Rule) => `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;

/**
 * A role's rules as kubectl shows them: broken down to one group, resource, verb (and name)
 * each, then the rules differing only by verb merged again, sorted by their Go string.
 */
export function compactRules(rules: unknown): Rule[] {
  const simple = new Map<string, Rule>();
  const other: Rule[] = [];
  for (const r of list(rules)) {
    const verbs = strings(at(r, 'verbs'));
    const names = strings(at(r, 'resourceNames'));
    for (const group of strings(at(r, 'apiGroups'))) {
      for (const resource of strings(at(r, 'resources'))) {
        for (const verb of verbs) {
          for (const name of names.length ? names : [undefined]) {
            const key = JSON.stringify([group, resource, name !== undefined, name ?? '']);
            const found = simple.get(key);
            if (found) found.verbs.push(verb);
            else simple.set(key, { verbs: [verb], apiGroups: [group], resources: [resource], resourceNames: name === undefined ? [] : [name], nonResourceURLs: [] });
          }
        }
      }
    }
    for (const url of strings(at(r, 'nonResourceURLs'))) for (const verb of verbs) other.push({ verbs: [verb], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [url] });
  }
  return [...other, ...simple.values()].sort((a, b) => (ruleKey(a) < ruleKey(b) ? -1 : ruleKey(a) > ruleKey(b) ? 1 : 0));
}

/** kubectl's CombineResourceGroup: `deployments.apps/scale`. */
function resourceText(r: Rule): string {
  if (!r.resources.length) return '';
  const [name, sub] = r.resources[0].split(/\/(.*)/s);
  return `${name}${r.apiGroups[0] ? `.${r.apiGroups[0]}` : ''}${sub !== undefined ? `/${sub}` : ''}`;
}

/** `kubectl describe role` and `clusterrole`: the compacted rules as a table. */
export function describeRole(w: DescribeWriter, role: KubeObject): void {
  w.line(0, 'Name:', String(role.metadata?.name ?? ''));
  writeLabels(w, 0, 'Labels', role.metadata?.labels);
  writeAnnotations(w, 0, role.metadata?.annotations);
  w.line(0, 'PolicyRule:');
  w.line(1, 'Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs');
  w.line(1, '---------', '-----------------', '--------------', '-----');
  for (const r of compactRules(role.rules)) w.line(1, resourceText(r), goList(r.nonResourceURLs), goList(r.resourceNames), goList(r.verbs));
}

/** `kubectl describe rolebinding` and `clusterrolebinding`. */
export function describeRoleBinding(w: DescribeWriter, b: KubeObject): void {
  w.line(0, 'Name:', String(b.metadata?.name ?? ''));
  writeLabels(w, 0, 'Labels', b.metadata?.labels);
  writeAnnotations(w, 0, b.metadata?.annotations);
  w.line(0, 'Role:');
  w.line(1, 'Kind:', str(at(b, 'roleRef', 'kind')));
  w.line(1, 'Name:', str(at(b, 'roleRef', 'name')));
  w.line(0, 'Subjects:');
  w.line(1, 'Kind', 'Name', 'Namespace');
  w.line(1, '----', '----', '---------');
  for (const s of list(b.subjects)) w.line(1, str(at(s, 'kind')), str(at(s, 'name')), str(at(s, 'namespace')));
}
