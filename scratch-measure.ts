import { writeFileSync, mkdirSync } from 'node:fs';
import { describe } from './src/model/describe/describe.js';
import { recordedObjects, recordedIndexes, recordedDescribes } from './test/helpers/recorded-corpus.js';
import { ageCells, ageColumns, maskAgeColumns } from './test/helpers/age-mask.js';
import { unorderedBlocks } from './test/helpers/describe-order.js';
const objs = recordedObjects();
const idx = recordedIndexes(objs.values());
const all = recordedDescribes(objs);
let eq = 0; const bad: string[] = [];
mkdirSync('/tmp/dd', { recursive: true });
for (const r of all) {
  const columns = ageColumns(r.kubectl); const want = ageCells(r.kubectl, columns);
  const render = (t: number) => { try { return describe(r.object, idx, t); } catch (e) { return 'THROW ' + (e as Error).stack; } };
  let at: number | undefined = want.length ? undefined : Date.parse('2026-11-28T18:23:00Z');
  for (let t = Date.parse('2026-11-28T18:22:00Z'); at === undefined && t <= Date.parse('2026-11-28T18:24:00Z'); t += 1000) { const g = ageCells(render(t), columns); if (g.length === want.length && g.every((c, i) => c === want[i])) at = t; }
  const a = unorderedBlocks(String(r.object.kind), maskAgeColumns(render(at ?? Date.parse('2026-11-28T18:23:00Z')), columns));
  const b = unorderedBlocks(String(r.object.kind), maskAgeColumns(r.kubectl, columns));
  if (a === b && at !== undefined) eq++; else { bad.push(r.id + (at === undefined ? ' (ages)' : '')); writeFileSync('/tmp/dd/' + r.id.replace('/', '__') + '.ours', a); writeFileSync('/tmp/dd/' + r.id.replace('/', '__') + '.kubectl', b); }
}
console.log(`equal ${eq} / ${all.length}`);
console.log(bad.join('\n'));
