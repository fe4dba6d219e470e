#!/usr/bin/env node
// Starts the bundled CLI; the bundle is what makes start-up fast.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write("kdrill: the CLI is not built (dist/cli.js is missing)\nrun 'npm install' or 'npm run build' in the kdrill directory\n");
  process.exit(1);
}
const { run } = await import(bundle.href);
await run();
