// Every pure function that reads cluster data, fed generated objects with missing fields,
// wrong types, empty and huge strings, unicode and deep nesting: none may throw.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { columnsFor, COLUMN_SETS } from '../../../src/model/columns/index.js';
import { describe as describeObject } from '../../../src/model/describe/describe.js';
import { ClusterIndexes } from '../../../src/model/indexes/cluster-indexes.js';
import { rolloutModel } from '../../../src/model/rollout/rollout-model.js';
import { rolloutStatus } from '../../../src/model/rollout/rollout-status.js';
import { routeLines, renderTrace } from '../../../src/model/route/route-lines.js';
import { traceJson } from '../../../src/model/route/route-json.js';
import { routesTo } from '../../../src/model/route/routes-to.js';
import { traceRoute } from '../../../src/model/route/trace-route.js';
import type { KubeObject } from '../../../src/model/types.js';
import { eventLines, yamlLines } from '../../../src/model/view/detail-text.js';
import { hostRows, traceRows } from '../../../src/model/view/route-rows.js';
import { rolloutRows } from '../../../src/model/view/rollout-rows.js';
import { buildRows } from '../../../src/model/view/table-rows.js';

const KINDS = ['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Service', 'Endpoints', 'Ingress', 'Node', 'Namespace', 'ConfigMap', 'Secret', 'ServiceAccount', 'PersistentVolumeClaim', 'PersistentVolume', 'HorizontalPodAutoscaler', 'Event', 'EndpointSlice', 'IngressClass', 'NetworkPolicy', 'PodDisruptionBudget', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ResourceQuota', 'LimitRange', 'Widget'];
const RESOURCE: Record<string, string> = { Pod: 'pods', Service: 'services', Secret: 'secrets', Endpoints: 'endpoints', EndpointSlice: 'endpointslices.discovery.k8s.io', Ingress: 'ingresses.networking.k8s.io', IngressClass: 'ingressclasses.networking.k8s.io', ReplicaSet: 'replicasets.apps', Deployment: 'deployments.apps', StatefulSet: 'statefulsets.apps', DaemonSet: 'daemonsets.apps', Event: 'events', ResourceQuota: 'resourcequotas', LimitRange: 'limitranges' };

// Values of every shape, including the ones a schema would never allow.
const junk = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.string({ unit: 'binary' }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant('x'.repeat(10_000)), fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 12 }), tie('value'), { maxKeys: 4 })),
})).value;

// Objects that look enough like Kubernetes objects to reach the interesting code, with junk inside.
// Names, namespaces and uids are strings: the watch cache leaves out objects whose identity is not
// (tested in test/kube/watch-cache.test.ts); everything else may be anything.
const object = fc.record({
  apiVersion: fc.oneof(fc.constantFrom('v1', 'apps/v1', 'networking.k8s.io/v1', 'extensions/v1beta1', 'example.com/v1'), junk),
  kind: fc.constantFrom(...KINDS),
  metadata: fc.oneof(
    fc.constant(undefined),
    fc.record({ name: fc.string({ minLength: 1 }), namespace: fc.constantFrom('web', 'other'), uid: fc.uuid(), labels: fc.oneof(fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })), junk), annotations: junk, ownerReferences: junk, creationTimestamp: fc.oneof(fc.constant('2026-11-22T10:00:00Z'), junk) }, { requiredKeys: [] }),
  ),
  spec: junk,
  status: junk,
  data: junk,
  subsets: junk,
  endpoints: junk,
  involvedObject: junk,
  ports: junk,
  rules: junk,
  subjects: junk,
  roleRef: junk,
}, { requiredKeys: ['kind'] }) as fc.Arbitrary<KubeObject>;

test('no function that reads cluster objects throws on garbage', () => {
  const now = Date.parse('2026-11-22T11:00:00Z');
  fc.assert(
    fc.property(fc.array(object, { minLength: 1, maxLength: 8 }), fc.string({ maxLength: 30 }), (objects, host) => {
      const idx = new ClusterIndexes();
      for (const o of objects) {
        const id = RESOURCE[String(o.kind)];
        if (id) idx.apply(id, { type: 'add', object: o });
      }
      for (const o of objects) {
        assert.equal(typeof describeObject(o, idx, now), 'string');
        assert.ok(Array.isArray(yamlLines(o)));
        rolloutStatus(o);
        if (['Deployment', 'StatefulSet', 'DaemonSet'].includes(String(o.kind))) rolloutRows(rolloutModel(idx, o, now), now);
        routesTo(idx, o);
        const id = RESOURCE[String(o.kind)];
        if (id && Object.hasOwn(COLUMN_SETS, id)) buildRows([o], columnsFor(id), now);
      }
      eventLines(objects, now, objects[0]);
      hostRows(idx, now);
      for (const h of [host, 'app.example.com', ...idx.ingresses.hosts()]) {
        const t = traceRoute(idx, { host: h, path: '/x' }, now);
        renderTrace(t);
        JSON.stringify(traceJson(t));
        traceRows(t);
        routeLines(t.root);
      }
    }),
    { numRuns: 300 },
  );
});
