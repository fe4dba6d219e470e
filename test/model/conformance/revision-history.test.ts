/**
 * `kubectl rollout history` of a StatefulSet and a DaemonSet, and one revision's pod template, as
 * kdrill prints them from the recorded ControllerRevisions, against kubectl's recorded output; and
 * the simulator's ControllerRevisions for the same workloads against the recorded ones.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { historyText, revisionText } from '../../../src/model/rollout/revision-history.js';
import type { KubeObject } from '../../../src/model/types.js';
import { corpusCluster } from '../../helpers/corpus-sim.js';
import { CORPUS, hasCorpus } from '../../helpers/recorded-corpus.js';

const skip = !hasCorpus && 'no corpus';
const object = (ns: string, file: string): KubeObject => JSON.parse(readFileSync(join(CORPUS, 'objects', ns, `${file}.json`), 'utf8'));
const kubectl = (ns: string, file: string) => readFileSync(join(CORPUS, 'kubectl', ns, file), 'utf8');
const RECORDED = [
  ['corpus-batch', 'db', 'statefulset', 'controllerrevision-db-74b8c5d8cc', 'controller.kubernetes.io/hash'],
  ['corpus-edge', 'edge-proxy', 'daemonset', 'controllerrevision-edge-proxy-7b46c9f4fb', 'controller-revision-hash'],
] as const;

test('history of a StatefulSet and a DaemonSet as kubectl printed it from their ControllerRevisions', { skip }, () => {
  for (const [ns, name, kind, file] of RECORDED) {
    assert.equal(historyText(`${kind}.apps/${name}`, [object(ns, file)]), kubectl(ns, `rollout-history-${kind}-${name}.txt`));
  }
});

test('one revision\'s pod template, untabbed, as kubectl printed revision 2 of deployment web', { skip }, () => {
  // kubectl prints a Deployment's revision from its ReplicaSet's template, with the change-cause as an annotation:
  // the same printer as a ControllerRevision's, so a revision holding that template prints the same.
  const rs = object('corpus-web', 'replicaset-web-fd4777b49');
  const template = structuredClone(rs.spec.template);
  template.metadata.annotations = { 'kubernetes.io/change-cause': rs.metadata!.annotations!['kubernetes.io/change-cause'] };
  const cr: KubeObject = { kind: 'ControllerRevision', revision: 2, data: { spec: { template: { ...template, $patch: 'replace' } } } };
  assert.equal(revisionText('deployment.apps/web', [cr], 2), kubectl('corpus-web', 'rollout-history-deployment-web-revision-2.txt'));
});

const corpus = corpusCluster();

test('the simulator keeps the same ControllerRevisions for the recorded StatefulSet and DaemonSet (data byte for byte)', { skip }, () => {
  const c = corpus.c;
  c.sim.advance(60_000);
  for (const [ns, name, , file, hashLabel] of RECORDED) {
    const recorded = object(ns, file);
    const ours = c.sim.store.list('controllerrevisions.apps', ns).filter((r) => r.metadata?.ownerReferences?.[0]?.name === name);
    assert.equal(ours.length, 1, name);
    const [cr] = ours;
    assert.deepEqual(Object.keys(cr), Object.keys(recorded));
    assert.equal(JSON.stringify(cr.data), JSON.stringify(recorded.data));
    assert.equal(cr.revision, 1);
    assert.deepEqual(Object.keys(cr.metadata!.labels!).sort(), Object.keys(recorded.metadata!.labels!).sort());
    assert.equal(cr.metadata!.name, `${name}-${cr.metadata!.labels![hashLabel]}`);
    assert.deepEqual(Object.keys(cr.metadata!.annotations!).sort(), Object.keys(recorded.metadata!.annotations!).sort());
    const { uid: _u, name: _n, ...ref } = cr.metadata!.ownerReferences![0];
    const { uid: _ru, name: _rn, ...recordedRef } = recorded.metadata!.ownerReferences![0];
    assert.deepEqual(ref, recordedRef);
  }
});
