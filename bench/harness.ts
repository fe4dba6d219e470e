import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { createInterface, type Interface } from 'node:readline';

/** A benchmark's simulated cluster, running in a child process. */
export interface BenchServer {
  kubeconfig: string;
  /** What the server holds: its URL, pod count and, for `large`, hosts to trace. */
  summary: { url: string; tlsUrl: string; pods: number; healthyHost?: string; brokenHost?: string };
  pid: number;
  send(line: string): void;
  waitFor(prefix: string): Promise<string>;
  stop(): Promise<void>;
}

/** Starts bench/sim-server.ts with `pods` pods over `namespaces` namespaces, or with `'large', scale`. */
export async function startBenchServer(pods: number | 'large', namespacesOrScale: number): Promise<BenchServer> {
  const child: ChildProcess = spawn(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', 'bench/sim-server.ts', String(pods), String(namespacesOrScale)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: Interface = createInterface({ input: child.stdout! });
  const waiting: { prefix: string; resolve: (l: string) => void }[] = [];
  lines.on('line', (l) => {
    const i = waiting.findIndex((w) => l.startsWith(w.prefix));
    if (i >= 0) waiting.splice(i, 1)[0].resolve(l);
  });
  const waitFor = (prefix: string) => new Promise<string>((resolve) => waiting.push({ prefix, resolve }));
  const [kubeconfig, summary] = await Promise.all([waitFor('/'), waitFor('summary ')]);
  return {
    kubeconfig,
    summary: JSON.parse(summary.slice('summary '.length)),
    pid: child.pid!,
    send: (line) => child.stdin!.write(line + '\n'),
    waitFor,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.stdin!.write('stop\n');
      await exited;
    },
  };
}

/** Samples this process's resident memory; `peak()` gives the highest seen in MB. */
export function rssSampler(everyMs = 50) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), everyMs);
  return {
    peakMb: () => Math.round((Math.max(peak, process.memoryUsage().rss) / 1024 / 1024) * 10) / 10,
    stop: () => clearInterval(timer),
  };
}

/** The median of some numbers. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A percentile (0–100) of some numbers. */
export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** Prints a result table and writes it as JSON under bench/results/. */
export function report(name: string, rows: [string, string | number][]): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n${name} (${cpus()[0]?.model ?? 'unknown cpu'}, ${cpus().length} cores, node ${process.version})`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/${name}.json`, JSON.stringify({ name, date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model, results: Object.fromEntries(rows) }, null, 2));
}
