import { describe } from './src/model/describe/describe.js';
import { recordedObjects, recordedIndexes, recordedDescribes } from './test/helpers/recorded-corpus.js';
const objs = recordedObjects();
const idx = recordedIndexes(objs.values());
const all = recordedDescribes(objs);
function ages(text: string): string[] {
  const lines = text.split('\n'); const out: string[] = [];
  lines.forEach((h, i) => {
    const m = /(^|\s{2})(Age)(\s{2}|$)/.exec(h.trimEnd());
    if (!m || !/^\s*-+(\s+-+)*\s*$/.test(lines[i+1] ?? '')) return;
    const start = m.index + m[1].length;
    for (let r = i + 2; r < lines.length && lines[r].trim() !== '' && lines[r].startsWith('  '); r++) {
      const rest = lines[r].slice(start);
      const cell = /^(\S+(?: \(x\d+ over \S+\))?)/.exec(rest);
      out.push(cell ? cell[1] : '?');
    }
  });
  return out;
}
const base = Date.parse('2026-11-28T18:20:00Z');
for (const r of all) {
  const k = ages(r.kubectl);
  if (!k.length) continue;
  const ok: number[] = [];
  for (let s = 0; s < 420; s++) {
    const ours = ages(describe(r.object, idx, base + s * 1000));
    if (JSON.stringify(ours) === JSON.stringify(k)) ok.push(s);
  }
  const fmt = (s: number) => new Date(base + s * 1000).toISOString().slice(11, 19);
  console.log(r.id, ok.length ? `${fmt(ok[0])}..${fmt(ok[ok.length - 1])} (${ok.length})` : 'NONE', k.slice(0,3).join('|'));
}
