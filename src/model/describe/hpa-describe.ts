import { at, int, list, str } from '../columns/read.js';
import type { KubeObject } from '../types.js';
import { describeTime, writeEvents, writeMeta, type DescribeContext, type DescribeWriter } from './describe-writer.js';

/** One metric line: `resource cpu on pods  (as a percentage of request):  45% (45m) / 70%`. */
function metricLine(spec: unknown, current: unknown): [string, string] {
  const type = str(at(spec, 'type'));
  if (type === 'Resource' || type === 'ContainerResource') {
    const name = str(at(spec, type === 'Resource' ? 'resource' : 'containerResource', 'name'));
    const target = at(spec, type === 'Resource' ? 'resource' : 'containerResource', 'target');
    const cur = at(current, type === 'Resource' ? 'resource' : 'containerResource', 'current');
    const on = type === 'Resource' ? `resource ${name} on pods` : `resource ${name} of container "${str(at(spec, 'containerResource', 'container'))}" on pods`;
    if (at(target, 'averageUtilization') !== undefined) {
      const now = at(cur, 'averageUtilization') !== undefined ? `${int(at(cur, 'averageUtilization'))}% (${str(at(cur, 'averageValue'))})` : '<unknown>';
      return [`${on}  (as a percentage of request):`, `${now} / ${int(at(target, 'averageUtilization'))}%`];
    }
    return [`${on}:`, `${str(at(cur, 'averageValue')) || '<unknown>'} / ${str(at(target, 'averageValue'))}`];
  }
  const block = at(spec, type.charAt(0).toLowerCase() + type.slice(1));
  const metric = str(at(block, 'metric', 'name'));
  const target = at(block, 'target');
  const value = str(at(target, 'averageValue')) || str(at(target, 'value'));
  return [`"${metric}" (${type}):`, `<unknown> / ${value}`];
}

function writeBehavior(w: DescribeWriter, title: string, rules: unknown): void {
  if (!rules) return;
  w.line(1, `${title}:`);
  if (at(rules, 'stabilizationWindowSeconds') !== undefined) w.line(2, `Stabilization Window: ${int(at(rules, 'stabilizationWindowSeconds'))} seconds`);
  const policies = list(at(rules, 'policies'));
  if (!policies.length) return;
  w.line(2, `Select Policy: ${str(at(rules, 'selectPolicy')) || 'Max'}`);
  w.line(2, 'Policies:');
  for (const p of policies) w.line(3, `- Type: ${str(at(p, 'type'))}`, `Value: ${int(at(p, 'value'))}`, `Period: ${int(at(p, 'periodSeconds'))} seconds`);
}

/** `kubectl describe horizontalpodautoscaler` (autoscaling/v2). */
export function describeHpa(w: DescribeWriter, hpa: KubeObject, ctx: DescribeContext): void {
  writeMeta(w, hpa);
  w.line(0, 'CreationTimestamp:', describeTime(hpa.metadata?.creationTimestamp));
  const ref = at(hpa, 'spec', 'scaleTargetRef');
  w.line(0, 'Reference:', `${str(at(ref, 'kind'))}/${str(at(ref, 'name'))}`);
  w.line(0, 'Metrics:', '( current / target )');
  const current = list(at(hpa, 'status', 'currentMetrics'));
  list(at(hpa, 'spec', 'metrics')).forEach((m, i) => {
    const [label, value] = metricLine(m, current[i]);
    w.line(1, label, value);
  });
  w.line(0, 'Min replicas:', typeof at(hpa, 'spec', 'minReplicas') === 'number' ? int(at(hpa, 'spec', 'minReplicas')) : '<unset>');
  w.line(0, 'Max replicas:', int(at(hpa, 'spec', 'maxReplicas')));
  const behavior = at(hpa, 'spec', 'behavior');
  if (behavior) {
    w.line(0, 'Behavior:');
    writeBehavior(w, 'Scale Up', at(behavior, 'scaleUp'));
    writeBehavior(w, 'Scale Down', at(behavior, 'scaleDown'));
  }
  w.line(0, `${str(at(ref, 'kind'))} pods:`, `${int(at(hpa, 'status', 'currentReplicas'))} current / ${int(at(hpa, 'status', 'desiredReplicas'))} desired`);
  const conditions = list(at(hpa, 'status', 'conditions'));
  if (conditions.length) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type', 'Status', 'Reason', 'Message');
    w.line(1, '----', '------', '------', '-------');
    for (const c of conditions) w.line(1, str(at(c, 'type')), str(at(c, 'status')), str(at(c, 'reason')), str(at(c, 'message')));
  }
  writeEvents(w, ctx);
}
