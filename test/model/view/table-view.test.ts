import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changedCells } from '../../../src/model/view/changed-cells.js';
import type { Row } from '../../../src/model/view/table-rows.js';

const row = (key: string, cells: string[]): Row => ({ key, uid: key, object: {}, cells, text: cells.join('\n'), sortKeys: cells });

test('marks exactly the cells whose text changed against the state they replaced; new rows and the clock are not marked', () => {
  const aBefore = row('ns/a', ['a', '1/1', 'Running', '4s']);
  const bBefore = row('ns/b', ['b', '0/1', 'Pending', '4s']);
  const a = { ...row('ns/a', ['a', '1/1', 'Running', '5s']), object: { v: 2 } };
  const b = { ...row('ns/b', ['b', '1/1', 'Running', '5s']), object: { v: 2 } };
  const c = row('ns/c', ['c', '0/1', 'Pending', '0s']);
  const previous = new Map<Row, Row>([[a, aBefore], [b, bBefore]]);
  // a: only the clock moved; b: a new object state; c: a new row. AGE (3) never marks.
  assert.deepEqual([...changedCells([a, b, c], (r) => previous.get(r), new Set([3]))].map(([k, v]) => [k, [...v]]), [['ns/b', [1, 2]]]);
});

test('a trailing MESSAGE column gets the room the others leave', async () => {
  const { columnWidths } = await import('../../../src/model/view/table-layout.js');
  const headers = ['NAMESPACE', 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
  const rows = [['deploy-test', '1s', 'Normal', 'Created', 'pod/nginx-deploy-b4dd8c6c9-5xngz', 'Created container nginx, a long message that goes on']];
  const w = columnWidths(headers, rows, 78);
  assert.equal(w.length, 6);
  assert.ok(w[5] >= 24, `MESSAGE got ${w[5]}`);
  assert.equal(w.reduce((a, b) => a + b, 0) + 2 * 5, 78);
});

test('filters: ^ and $ anchor to a cell, case-insensitive, -l selectors, ! inverts, bad input throws', async () => {
  const { compileFilter, FilterError } = await import('../../../src/model/view/row-filter.js');
  const r = (cells: string[], labels: Record<string, string> = {}): Row => ({ key: cells[0], uid: cells[0], object: { metadata: { labels } }, cells, text: cells.join('\n'), sortKeys: cells });
  const rows = [r(['nginx-deploy-1', 'Running'], { app: 'nginx' }), r(['ingress-nginx-2', 'CrashLoopBackOff'], { app: 'ingress' })];
  const keep = (f: string) => rows.filter((x) => compileFilter(f)!.test(x)).map((x) => x.cells[0]);
  assert.deepEqual(keep('^nginx'), ['nginx-deploy-1']);
  assert.deepEqual(keep('NGINX'), ['nginx-deploy-1', 'ingress-nginx-2']);
  assert.deepEqual(keep('^running$'), ['nginx-deploy-1']);
  assert.deepEqual(keep('-l app=ingress'), ['ingress-nginx-2']);
  assert.deepEqual(keep('!crash'), ['nginx-deploy-1']);
  assert.equal(compileFilter('  '), undefined);
  assert.throws(() => compileFilter('nginx('), FilterError);
  assert.throws(() => compileFilter('-l app in (a'), FilterError);
});

test('narrows: only plain text extended by typing can filter the previous matches', async () => {
  const fc = await import('fast-check');
  const { compileFilter, narrows } = await import('../../../src/model/view/row-filter.js');
  assert.ok(narrows('ngi', 'nginx'));
  assert.ok(narrows('Ngi', 'nginX-d'));
  for (const [a, b] of [['', 'x'], ['a', 'a|b'], ['a', 'a*'], ['!a', '!ab'], ['-l a', '-l a=b'], ['ab', 'a'], ['a.', 'a.b'], ['a', 'b']]) assert.ok(!narrows(a, b), `${a} → ${b}`);
  // Whenever it says so, the rows `next` keeps are a subset of those `previous` keeps.
  const cell = fc.string({ maxLength: 8 });
  fc.assert(
    fc.property(fc.array(fc.tuple(cell, cell), { maxLength: 20 }), fc.string({ minLength: 1, maxLength: 4 }), fc.string({ maxLength: 3 }), (cells, p, more) => {
      if (!narrows(p, p + more)) return;
      const rows = cells.map((c, i) => row(String(i), c));
      const prev = new Set(rows.filter((r) => compileFilter(p)!.test(r)));
      for (const r of rows.filter((r) => compileFilter(p + more)?.test(r) ?? true)) assert.ok(prev.has(r));
    }),
  );
  // The next text in other cases, with letters whose case folds leave their script or length (Kelvin sign, long s, dotted and dotless i, sharp s, ŉ whose upper case is ʼN).
  const letter = fc.constantFrom('k', 'K', '\u212a', 's', 'S', 'ſ', 'i', 'I', 'ı', 'İ', '\u0307', 'ß', 'ẞ', 'é', 'É', 'ǅ', 'σ', 'ς', 'Σ', 'ŉ', 'ʼ', 'n', '1', ' ');
  const word = fc.string({ unit: letter, minLength: 1, maxLength: 4 });
  const recase = (s: string, how: number[]) => [...s].map((c, i) => [c, c.toLowerCase(), c.toUpperCase()][how[i % how.length] ?? 0]).join('');
  let narrowed = 0;
  fc.assert(
    fc.property(word, word, fc.array(fc.nat(2), { minLength: 1 }), fc.array(fc.array(fc.string({ unit: letter, maxLength: 6 }), { maxLength: 3 }), { maxLength: 10 }), (p, more, how, cells) => {
      const n = recase(p, how) + more;
      if (!narrows(p, n)) return;
      narrowed++;
      // Rows that hold the next text as typed, and in each other case.
      const rows = [...cells, [n], [n.toLowerCase()], [n.toUpperCase()], [`x${n}x`]].map((c, i) => row(String(i), c));
      const prev = new Set(rows.filter((r) => compileFilter(p)!.test(r)));
      for (const r of rows.filter((r) => compileFilter(n)!.test(r))) assert.ok(prev.has(r), JSON.stringify({ p, n, cells: r.cells }));
    }),
    { numRuns: 5000 },
  );
  assert.ok(narrowed > 1000, `${narrowed} narrowed`);
  assert.ok(!narrows('\u212a', 'kube') && narrows('K', 'kube') && narrows('ſ', 'ſx') && !narrows('ſ', 'sx'));
});

test('compact JSON log lines: level and message first, the time dropped, other lines untouched', async () => {
  const { compactJson } = await import('../../../src/model/view/pane-text.js');
  assert.equal(compactJson('{"ts":"2026-11-22T10:00:00Z","level":"info","msg":"processed","items":3,"ok":true}'), 'INFO  processed items=3 ok=true');
  assert.equal(compactJson('api │ {"severity":"warn","message":"slow","ms":812}'), 'api │ WARN  slow ms=812');
  assert.equal(compactJson('plain text {not json}'), 'plain text {not json}');
  assert.equal(compactJson('[1,2]'), '[1,2]');
});

test('changed lines: what the new text has that the old did not, counting repeats', async () => {
  const { newLines } = await import('../../../src/model/view/pane-text.js');
  assert.deepEqual([...newLines(['a: 1', 'b: 2', '- x', '- x'], ['a: 1', 'b: 3', '- x', '- x', '- x'])], [1, 4]);
  assert.deepEqual([...newLines(['a'], ['a'])], []);
});

test('YAML: managedFields hidden and last-applied folded by default, both shown on request; Secret values only on request', async () => {
  const { yamlLines } = await import('../../../src/model/view/detail-text.js');
  const obj = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', managedFields: [{ manager: 'kubectl' }], annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"v1"}' } }, data: { k: Buffer.from('v\x1b[2J').toString('base64') } };
  const plain = yamlLines(obj).join('\n');
  assert.doesNotMatch(plain, /managedFields|"apiVersion"|v\^\[/);
  assert.match(plain, /<19 bytes, folded: m shows it>/);
  assert.match(plain, /k: <5 bytes>/);
  const all = yamlLines(obj, { managedFields: true, secretValues: 'decoded' }).join('\n');
  assert.match(all, /managedFields:/);
  assert.match(all, /\{"apiVersion":"v1"\}/);
  assert.ok(!/[\x00-\x08\x0b-\x1f]/.test(all), 'decoded values are sanitised');
});

test('wide characters and emoji keep columns aligned: every cell takes exactly its width in cells', async () => {
  const fc = (await import('fast-check')).default;
  const { columnWidths, fit, displayWidth } = await import('../../../src/model/view/table-layout.js');
  const cell = fc.array(fc.constantFrom('a', 'Z', '漢', '字', 'é', '🚀', '-', ' ', 'ｶ'), { maxLength: 30 }).map((cs) => cs.join(''));
  fc.assert(
    fc.property(fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 6 }), fc.integer({ min: 20, max: 120 }), (rows, width) => {
      const widths = columnWidths(['NAME', 'STATUS', 'MESSAGE'], rows, width);
      for (const r of rows) widths.forEach((w, i) => assert.equal(displayWidth(fit(r[i], w)), w));
    }),
  );
});

test('at 80 columns a pod name keeps its room: usage figures, IPs and nodes give way whole before it is cut (the name whole here)', async () => {
  const { columnWidths } = await import('../../../src/model/view/table-layout.js');
  const headers = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'CPU', '%CPU/R', '%CPU/L', 'MEM', '%MEM/R', '%MEM/L', 'AGE', 'IP', 'NODE'];
  const rows = [['nginx-deploy-7c9cdfbcbd-7mfv7', '2/2', 'Running', '0', '53m', 'n/a', 'n/a', '72Mi', 'n/a', 'n/a', '60s', '10.244.5.2', 'sg2-shopee-kredit-kubernetes-test-10-128-87-215']];
  const w = columnWidths(headers, rows, 78);
  assert.deepEqual(w, [29, 5, 7, 8, 3, 6, 0, 0, 0, 0, 3]);
  assert.ok(w.reduce((a, b) => a + b, 0) + 2 * (w.filter((x) => x > 0).length - 1) <= 78);
});
