// Ink's output stage, four ways, at 30,000 pods (KDRILL_INK_PODS): kdrill's patched Ink
// (patches/ink+6.8.0.patch) and upstream Ink 6.8.0 (the patch reversed in a copy under
// .kdrill-tmp/), each with and without Ink's incrementalRendering. Each variant runs in its own
// process (bench/ink-variant-run.ts) against one simulated cluster. Wall-clock latency on a shared
// machine is noisy, so CPU and bytes written per keypress are reported beside it (medians of blocks
// of presses), and each variant's final screen is checked in tmux against the frame Ink meant.
// KDRILL_INK_VARIANTS picks some (e.g. "patched,upstream+incremental"); KDRILL_INK_CHURN_S the churn window.
import { execFileSync, fork } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { median, percentile, report, startBenchServer } from './harness.js';
import type { KeyFigures, VariantResult } from './ink-variant-run.js';

const PODS = Number(process.env.KDRILL_INK_PODS ?? 30_000);
const ALL = ['patched', 'upstream', 'upstream+incremental', 'patched+incremental'];
const variants = process.env.KDRILL_INK_VARIANTS?.split(',') ?? ALL;

/** A copy of the installed Ink with kdrill's patch reversed: upstream Ink of the same version. */
function upstreamInk(): string {
  const installed = join(createRequire(import.meta.url).resolve('ink'), '..', '..');
  const version = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).version;
  const root = resolve('.kdrill-tmp', 'ink-upstream');
  const dir = join(root, 'node_modules', 'ink');
  if (existsSync(root)) rmSync(root, { recursive: true });
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  cpSync(installed, dir, { recursive: true });
  execFileSync('patch', ['-R', '-p1', '-s', '-d', root, '-i', resolve(`patches/ink+${version}.patch`)]);
  if (readFileSync(join(dir, 'build', 'output.js'), 'utf8').includes('sharedCaches')) throw new Error('the reversed copy still holds the patch');
  return dir;
}

const server = await startBenchServer(PODS, Math.max(1, PODS / 100));
const upstream = upstreamInk();
const results: Record<string, VariantResult> = {};
try {
  for (const variant of variants) {
    console.error(`ink variant ${variant}`);
    const child = fork('bench/ink-variant-run.ts', {
      execArgv: ['--expose-gc', '--import', 'tsx', '--import', './bench/ink-resolve.mjs'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        KDRILL_INK_KUBECONFIG: server.kubeconfig,
        KDRILL_INK_PODS: String(PODS),
        KDRILL_INK_INCREMENTAL: variant.endsWith('+incremental') ? '1' : '0',
        ...(variant.startsWith('upstream') ? { KDRILL_INK_DIR: upstream } : {}),
      },
    });
    results[variant] = await new Promise<VariantResult>((done, fail) => {
      child.on('message', (m) => {
        if (typeof m === 'string' && m.startsWith('churn ')) {
          server.send(`churn 1000 ${m.split(' ')[1]}`);
          void server.waitFor('churned').then(() => child.send('churned'));
        } else done(m as VariantResult);
      });
      child.on('exit', (code) => fail(new Error(`variant ${variant} exited with ${code}`)));
    });
  }
} finally {
  await server.stop();
  rmSync(resolve('.kdrill-tmp', 'ink-upstream'), { recursive: true });
}

const ms = (v: number) => Math.round(v * 10) / 10;
const cell = (f: KeyFigures) => `${ms(percentile(f.latency, 50))} / ${ms(percentile(f.latency, 95))} ms; CPU ${ms(median(f.cpuPerPress))} ms, output stage ${ms(median(f.inkPerPress))} ms; ${Math.round(median(f.bytesPerPress)).toLocaleString('en')} B`;
const names: [string, string][] = [
  ['cursor', 'cursor move'],
  ['page', 'page down/up'],
  ['filter', 'filter keystroke'],
  ['sort', 'sort (by age, name, status; again: reverse)'],
  ['namespace', 'namespace switch (:ns X Enter, then 0)'],
];
const rows: [string, string | number][] = [['pods', PODS], ['per key: p50 / p95 wall-clock; CPU and the Ink output stage (the tree to text) per press, medians of blocks; bytes written per press', '']];
for (const v of variants) {
  const r = results[v];
  for (const [key, label] of names) rows.push([`${v}: ${label}`, cell(r.keys[key])]);
  rows.push([`${v}: under 1,000 pod updates/s: cursor move`, cell(r.churn)]);
  rows.push([`${v}: under churn: frames/s, KB written/s, CPU ms/s`, `${ms(r.churn.fps)}, ${Math.round(r.churn.bytesPerSecond / 1024)}, ${Math.round(r.churn.cpuPerSecond)}`]);
  rows.push([`${v}: idle CPU (ms/s)`, ms(r.idleCpuPerSecond)]);
  rows.push([`${v}: what tmux shows = the frame Ink meant`, r.screenCheck.length ? `NO: ${r.screenCheck.join('; ')}` : 'yes']);
}
report('ink-variants', rows);
