/**
 * kdrill's columns against the Tables a real kube-apiserver 1.36 printed (the corpus' `tables/`):
 * the headers (names and priorities) and every cell of every row, for the recorded objects at
 * the moment each Table was recorded. That moment is derived per Table: the one instant (to
 * 10 ms) at which the most cells agree; ages are then compared exactly like any other cell.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ColumnSet } from '../../../src/model/columns/column.js';
import type { KubeObject } from '../../../src/model/types.js';
import { hasCorpus, recordedObjects } from '../../helpers/recorded-corpus.js';
import { kdrillColumns, recordedTables, rowObjects, type RecordedTable } from '../../helpers/recorded-tables.js';

// The recording ran 18:08–18:25 UTC; every Table was taken in its last minutes.
const FROM = Date.parse('2026-11-28T18:15:00Z');
const TO = Date.parse('2026-11-28T18:30:00Z');

/**
 * Rows whose object the corpus did not record (the system namespaces): their cells cannot be
 * rendered. A recorded object appearing for one of them fails the test, as does any other row
 * without one.
 */
const UNRECORDED_ROWS = ['_cluster/namespaces default', '_cluster/namespaces kube-node-lease', '_cluster/namespaces kube-public', '_cluster/namespaces kube-system'];

/**
 * Cells where kdrill knowingly differs from the server, as `table row column: recorded ≠ kdrill`.
 * Empty: every cell is equal. A new difference or a fixed one both fail the test.
 */
const KNOWN_DIFFERENCES: string[] = [];

interface Compared {
  cells: number;
  differences: string[];
  unrecorded: string[];
}

function cellText(cell: unknown): string {
  return cell === null || cell === undefined ? '' : String(cell);
}

function agreeing(rows: { cells: unknown[]; object: KubeObject }[], columns: ColumnSet, now: number): number {
  let n = 0;
  for (const r of rows) r.cells.forEach((c, i) => void (columns[i] && cellText(c) === columns[i].text(r.object, now) && n++));
  return n;
}

/** The instant the Table was printed at: the earliest one where the most cells agree (1 s steps, then 10 ms). */
function recordingMoment(rows: { cells: unknown[]; object: KubeObject }[], columns: ColumnSet): number {
  const best = (from: number, to: number, step: number) => {
    let at = from;
    let score = -1;
    for (let t = from; t <= to; t += step) {
      const s = agreeing(rows, columns, t);
      if (s > score) [at, score] = [t, s];
    }
    return at;
  };
  const coarse = best(FROM, TO, 1000);
  return best(coarse - 1000, coarse + 1000, 10);
}

function compare(t: RecordedTable, objects: Map<string, KubeObject>): Compared {
  const columns = kdrillColumns(t.resource, objects);
  const byUid = rowObjects(t, objects);
  const unrecorded: string[] = [];
  const rows: { name: string; cells: unknown[]; object: KubeObject }[] = [];
  for (const r of t.table.rows) {
    const object = byUid.get(r.object.metadata.uid);
    if (object) rows.push({ name: r.object.metadata.name, cells: r.cells, object });
    else unrecorded.push(`${t.id} ${r.object.metadata.name}`);
  }
  const now = recordingMoment(rows, columns);
  const differences: string[] = [];
  let cells = 0;
  for (const r of rows) {
    r.cells.forEach((c, i) => {
      cells++;
      const ours = columns[i] ? columns[i].text(r.object, now) : '<no column>';
      if (cellText(c) !== ours) differences.push(`${t.id} ${r.name} ${t.table.columnDefinitions[i]?.name}: ${JSON.stringify(c)} ≠ ${JSON.stringify(ours)}`);
    });
  }
  return { cells, differences, unrecorded };
}

test('kdrill prints the column headers the server prints, with their priorities', { skip: !hasCorpus && 'no corpus' }, () => {
  const objects = recordedObjects();
  const tables = recordedTables();
  assert.equal(tables.length, 54, 'every recorded Table (includeObject=Metadata)');
  for (const t of tables) {
    const ours = kdrillColumns(t.resource, objects).map((c) => `${c.name}/${c.priority}`);
    const theirs = t.table.columnDefinitions.map((d) => `${d.name.toUpperCase()}/${d.priority}`);
    assert.deepEqual(ours, theirs, t.id);
  }
});

test('kdrill prints every cell of every recorded Table as the server does', { skip: !hasCorpus && 'no corpus' }, () => {
  const objects = recordedObjects();
  let cells = 0;
  const differences: string[] = [];
  const unrecorded: string[] = [];
  for (const t of recordedTables()) {
    const r = compare(t, objects);
    cells += r.cells;
    differences.push(...r.differences);
    unrecorded.push(...r.unrecorded);
  }
  assert.deepEqual(unrecorded, UNRECORDED_ROWS);
  assert.deepEqual(differences, KNOWN_DIFFERENCES);
  assert.equal(cells, 2012, 'every recorded object row compared');
});
