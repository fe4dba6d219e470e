// `npm run bench`: every benchmark in turn, each in its own process.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv.slice(2);
const files = readdirSync('bench').filter((f) => f.endsWith('.bench.ts') && (!only.length || only.some((o) => f.includes(o))))
  // By name without the suffix: `scale` (30,000 pods) before `scale-100k`.
  .sort((a, b) => a.replace('.bench.ts', '').localeCompare(b.replace('.bench.ts', '')));
let failed = 0;
// The explorer runs at a large and at a common terminal size.
const runs = files.flatMap((f) => (f === 'ui.bench.ts' ? [[f, '200x50'], [f, '120x40']] : [[f, '']]));
for (const [f, size] of runs) {
  // Benchmarks run React as the shipped bundle does: its production build.
  const env = { ...process.env, NODE_ENV: 'production', ...(size ? { KDRILL_BENCH_SIZE: size } : {}) };
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', `bench/${f}`], { stdio: 'inherit', env });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
