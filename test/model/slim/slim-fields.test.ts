import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { columnsFor, type ColumnSet } from '../../../src/model/columns/index.js';
import { describe as describeObject } from '../../../src/model/describe/describe.js';
import { ClusterIndexes } from '../../../src/model/indexes/cluster-indexes.js';
import { qosClass } from '../../../src/model/pod-qos.js';
import { podHealth, podRestartsText, podSummary } from '../../../src/model/pod-status.js';
import { rolloutModel } from '../../../src/model/rollout/rollout-model.js';
import { podProblem, stuckDiagnosis } from '../../../src/model/rollout/rollout-stuck.js';
import { hasRollout, rolloutStatus } from '../../../src/model/rollout/rollout-status.js';
import { traceJson } from '../../../src/model/route/route-json.js';
import { renderTrace } from '../../../src/model/route/route-lines.js';
import { knownHosts, traceRoute } from '../../../src/model/route/trace-route.js';
import { compileFields, projectObject, type FieldPaths } from '../../../src/model/slim/field-paths.js';
import { slimObject } from '../../../src/model/slim/slim-fields.js';
import type { KubeObject } from '../../../src/model/types.js';
import { rolloutRows } from '../../../src/model/view/rollout-rows.js';
import { containerRows } from '../../../src/model/view/container-rows.js';
import { rowHealth } from '../../../src/model/view/row-health.js';
import { RESOURCE_OF } from '../../helpers/indexes.js';
import { hasCorpus, recordedObjects } from '../../helpers/recorded-corpus.js';
import { pod, replicaSet, service } from '../route/route-fixtures.js';

const NOW = Date.parse('2026-11-28T18:23:00Z');

/** The recorded objects (core events only, as describe reads them) and hand-made pods in every state. */
function corpus(): KubeObject[] {
  const made = (['ready', 'not-ready', 'crash', 'pull', 'pending'] as const).map((s, i) => pod(`p${i}`, { app: 'a' }, s, { ports: [{ name: 'http', containerPort: 8080 }] }));
  const recorded = hasCorpus ? [...recordedObjects().values()].filter((o) => !(o.kind === 'Event' && o.apiVersion !== 'v1')) : [];
  return [...recorded, ...made, replicaSet('a-1', 'a', '1'), service('a', { app: 'a' })];
}

const idOf = (o: KubeObject) => RESOURCE_OF[String(o.kind)] ?? `${String(o.kind).toLowerCase()}s`;

function indexesOf(objects: KubeObject[]): ClusterIndexes {
  const idx = new ClusterIndexes();
  for (const o of objects) if (RESOURCE_OF[String(o.kind)]) idx.apply(RESOURCE_OF[String(o.kind)], { type: 'add', object: o });
  return idx;
}

/** Everything the screens and commands compute from one cached object (its own kind's readers). */
function ownReaders(o: KubeObject, columns: ColumnSet = columnsFor(idOf(o))): unknown[] {
  const out: unknown[] = [columns.map((c) => [c.text(o, NOW), c.sort?.(o, NOW)]), rowHealth(idOf(o), o)];
  if (o.kind === 'Pod') {
    out.push(podSummary(o), podHealth(o), podRestartsText(o, NOW), qosClass(o), containerRows(o, NOW));
    // The stuck-rollout diagnosis depends on how long a pod has been as it is: at its start, and later.
    for (const later of [0, 60_000, 3_600_000, 86_400_000]) out.push(podProblem(o, NOW + later), stuckDiagnosis([o], NOW + later));
  }
  if (hasRollout(String(o.kind))) out.push(rolloutStatus(o));
  return out;
}

/** Everything computed from the caches as a whole: describe (the described object whole, as its pane GETs it), traces, rollouts. */
function cacheReaders(full: KubeObject[], cached: KubeObject[]): string[] {
  const idx = indexesOf(cached);
  const out = full.map((o) => `${idOf(o)} ${o.metadata?.namespace}/${o.metadata?.name}\n${describeObject(o, idx, NOW)}`);
  // What `kdrill trace` prints, text and JSON (a node's object goes to the detail pane, which GETs it whole).
  for (const host of knownHosts(idx)) {
    const trace = traceRoute(idx, { host }, NOW);
    out.push(renderTrace(trace), JSON.stringify(traceJson(trace)));
  }
  // The rollout view and `rollout status` (the objects in the model stand for themselves by name: their panes GET them).
  const named = (_k: string, v: unknown) => ((v as KubeObject)?.metadata && (v as KubeObject).kind ? `${(v as KubeObject).kind} ${(v as KubeObject).metadata?.name}` : v);
  for (const o of full) {
    if (!hasRollout(String(o.kind))) continue;
    const m = rolloutModel(idx, o, NOW);
    out.push(JSON.stringify(m, named), JSON.stringify(rolloutRows(m, NOW).map((r) => r.cells)));
  }
  return out;
}

describe('slim objects: every reader of the caches gives the same output from projected objects', () => {
  const full = corpus();
  const slim = full.map((o) => slimObject(idOf(o), o));

  test('the corpus has pods whose projection drops fields (the test exercises something)', () => {
    const pods = full.filter((o) => o.kind === 'Pod');
    assert.ok(pods.length >= 5);
    assert.ok(pods.some((p, i) => JSON.stringify(p).length > JSON.stringify(slim[full.indexOf(p)]).length * 1.2 && i >= 0));
  });

  test('columns, status, QoS, containers and rollout status of each object', () => {
    for (let i = 0; i < full.length; i++) assert.deepEqual(ownReaders(slim[i]), ownReaders(full[i]), `${idOf(full[i])} ${full[i].metadata?.name}`);
  });

  test('describe, route traces and rollout models over the caches', () => {
    const a = cacheReaders(full, slim);
    const b = cacheReaders(full, full);
    assert.ok(b.length > full.length);
    for (let i = 0; i < b.length; i++) assert.equal(a[i], b[i]);
  });

  test('a reader of an undeclared field is caught', () => {
    // A pod column reading the containers' env, which no reader declares.
    const envColumn = { name: 'ENV', type: 'string', priority: 0, text: (o: KubeObject) => JSON.stringify(o.spec?.containers?.map((c: { env?: unknown }) => c.env)) } as const;
    const pods = full.filter((o) => o.kind === 'Pod' && JSON.stringify(o.spec?.containers).includes('"env"'));
    assert.ok(pods.length, 'the corpus has a pod with env');
    assert.ok(pods.some((p) => JSON.stringify(ownReaders(slimObject('pods', p), [envColumn])) !== JSON.stringify(ownReaders(p, [envColumn]))));
  });
});

describe('field paths', () => {
  const paths: FieldPaths = ['metadata', 'spec.containers[].name', 'spec.containers[].ports', 'status.phase'];
  test('keep declared paths, in the object key order, through arrays; drop managedFields and last-applied', () => {
    const o: KubeObject = {
      kind: 'Pod',
      status: { phase: 'Running', conditions: [] },
      metadata: { name: 'a', managedFields: [{}], annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', keep: 'x' } },
      spec: { volumes: [], containers: [{ env: [], ports: [{ containerPort: 1 }], name: 'c' }, { name: 'd' }] },
    };
    assert.deepEqual(JSON.stringify(projectObject(o, compileFields(['kind'], paths))), JSON.stringify({ kind: 'Pod', status: { phase: 'Running' }, metadata: { name: 'a', annotations: { keep: 'x' } }, spec: { containers: [{ ports: [{ containerPort: 1 }], name: 'c' }, { name: 'd' }] } }));
  });
  test('a whole path absorbs deeper ones; the empty path keeps everything', () => {
    assert.equal(compileFields([''], paths), true);
    assert.deepEqual(compileFields(['spec.a.b', 'spec']), new Map([['spec', true]]));
  });
});
