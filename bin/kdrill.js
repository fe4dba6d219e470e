#!/usr/bin/env node
// Starts the bundled CLI; the bundle is what makes start-up fast.
import { existsSync } from 'node:fs';
import { MessageChannel, Worker } from 'node:worker_threads';

// Commands that draw no terminal UI start from a bundle without Ink and React.
const LIGHT = new Set(['trace', 'rollout', 'sim', 'completion', '__complete', '--version', '-v', 'version']);
const light = LIGHT.has(process.argv[2]);
const bundle = new URL(light ? '../dist/cli-light.js' : '../dist/cli.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write("kdrill: the CLI is not built (dist/cli.js is missing)\nrun 'npm install' or 'npm run build' in the kdrill directory\n");
  process.exit(1);
}
// `kdrill --demo`: the demo's cluster starts at once in a worker thread, on another core, while this
// thread loads the explorer (src/cli/demo-worker.ts reads the arguments and starts it, or not).
const worker = new URL('../dist/demo-worker.js', import.meta.url);
let demo;
if (!light && process.argv.includes('--demo') && existsSync(worker)) {
  const { port1, port2 } = new MessageChannel();
  demo = { worker: new Worker(worker, { workerData: { argv: process.argv.slice(2), port: port2 }, transferList: [port2] }), port: port1 };
  // Neither keeps the process alive; a worker that fails is seen by its exit (src/cli/demo-worker-client.ts).
  demo.worker.unref();
  demo.worker.on('error', () => {});
}
const { run } = await import(bundle.href);
await run(undefined, { demo });
