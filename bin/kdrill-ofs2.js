#!/usr/bin/env node
// Starts the bundled CLI; the bundle is what makes start-up fast.
import { existsSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
setTimeout(() => setFlagsFromString("--optimize-for-size"), 9000).unref();

// Commands that draw no terminal UI start from a bundle without Ink and React.
const LIGHT = new Set(['trace', 'rollout', 'sim', 'completion', '__complete', '--version', '-v', 'version']);
const bundle = new URL(LIGHT.has(process.argv[2]) ? '../dist/cli-light.js' : '../dist/cli.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write("kdrill: the CLI is not built (dist/cli.js is missing)\nrun 'npm install' or 'npm run build' in the kdrill directory\n");
  process.exit(1);
}
const { run } = await import(bundle.href);
await run();
