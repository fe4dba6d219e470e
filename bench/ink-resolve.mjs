// Loaded with --import by bench/ink-variants.bench.ts: with KDRILL_INK_DIR set, `import 'ink'`
// anywhere (kdrill's src/ui included) loads the Ink in that folder (an unpatched copy).
import { register } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = process.env.KDRILL_INK_DIR;
if (dir) {
  const url = pathToFileURL(join(dir, 'build', 'index.js')).href;
  const hook = `export async function resolve(specifier, context, next) { return specifier === 'ink' ? { url: ${JSON.stringify(url)}, shortCircuit: true } : next(specifier, context); }`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}
