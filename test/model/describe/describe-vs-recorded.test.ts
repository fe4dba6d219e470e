import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describe as describeObject } from '../../../src/model/describe/describe.js';
import { ageColumns, maskAgeColumns, momentOfAges } from '../../helpers/age-mask.js';
import { hasCorpus, recordedDescribes, recordedIndexes, recordedObjects, type RecordedDescribe } from '../../helpers/recorded-corpus.js';
import { unorderedBlocks } from '../../helpers/describe-order.js';

// The recorded objects whose `kubectl describe` kdrill does not reproduce yet, and why. Every other
// recorded object must be equal; one of these becoming equal fails too, so the list only shrinks.
const KNOWN_DIFFERENCES: Record<string, string> = {
  // The recording removed the rows of 5 pods of a namespace outside the corpus (kubectl's "16 in total" and
  // totals count them), and kdrill reads no Leases (kubectl prints `Lease: Failed to get lease …`).
  '_cluster/describe-node-fake-node-1.filtered': 'pods filtered out of the recording; no Lease line',
};

// The recording ran from about 18:22:50 to 18:23:30 UTC, one describe after the other: each text
// is rendered at the second of this window whose ages are the ages kubectl printed.
const WINDOW = { from: Date.parse('2026-11-28T18:22:00Z'), to: Date.parse('2026-11-28T18:24:00Z') };
const RECORDED_ABOUT = Date.parse('2026-11-28T18:23:00Z');

/** kdrill's describe and kubectl's, ages masked at kubectl's columns and Go's map-ordered blocks sorted. */
function compared(r: RecordedDescribe, render: (now: number) => string): { ours: string; kubectl: string; agesAgree: boolean } {
  // The corpus says when only through the ages each text shows (a text without ages does not depend on it).
  const at = momentOfAges(r.kubectl, render, WINDOW.from, WINDOW.to);
  const columns = ageColumns(r.kubectl);
  const kind = String(r.object.kind);
  const ours = unorderedBlocks(kind, maskAgeColumns(render(at ?? RECORDED_ABOUT), columns));
  return { ours, kubectl: unorderedBlocks(kind, maskAgeColumns(r.kubectl, columns)), agesAgree: at !== undefined };
}

describe('describe equals the kubectl describe recorded from a real kube-apiserver 1.36', { skip: hasCorpus ? false : 'the recorded corpus is not on this machine' }, () => {
  if (!hasCorpus) return;
  const objects = recordedObjects();
  const indexes = recordedIndexes(objects.values());
  const recorded = recordedDescribes(objects);

  test('the known differences name recorded describes', () => {
    const ids = new Set(recorded.map((r) => r.id));
    assert.deepEqual(Object.keys(KNOWN_DIFFERENCES).filter((id) => !ids.has(id)), []);
  });

  for (const r of recorded) {
    test(r.id, () => {
      const { ours, kubectl, agesAgree } = compared(r, (now) => describeObject(r.object, indexes, now));
      const equal = agesAgree && ours === kubectl;
      if (KNOWN_DIFFERENCES[r.id]) {
        assert.ok(!equal, `${r.id} is now equal to kubectl's: remove it from KNOWN_DIFFERENCES`);
        return;
      }
      assert.ok(agesAgree, `no second of the recording window gives kubectl's ages\nkdrill:\n${ours}\nkubectl:\n${kubectl}`);
      assert.equal(ours, kubectl);
    });
  }
});
