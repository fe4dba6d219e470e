// Bundles the CLI into dist/cli.js (and dist/cli-light.js): one file loads in a fraction of the time of
// node_modules' thousands, and start-up speed is a feature of a terminal tool.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { prebuildYaml } from './prebuilt-yaml.js';

rmSync('dist', { recursive: true, force: true });

const common = {
  entryPoints: ['src/cli.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
  // React's production build: the development one spends much of each frame on checks and profiling marks.
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
  // Optional native speed-ups of ws: loaded inside try/catch by ws, absent here.
  external: ['bufferutil', 'utf-8-validate'],
  plugins: [
    {
      // The built-in scenarios' YAML parsed now, not at each start (src/sim/scenario/prebuilt-yaml.ts).
      name: 'prebuilt-yaml',
      setup(b) {
        b.onLoad({ filter: /prebuilt-yaml-table\.ts$/ }, () => ({ contents: `export const PREBUILT_YAML = ${JSON.stringify(prebuildYaml('fixtures/scenarios'))};`, loader: 'js' }));
      },
    },
    {
      // Yoga (Ink's layout) decodes its inlined WebAssembly with fetch() when there is a global fetch:
      // that starts up undici, about 40 ms of the explorer's start. The same bytes are decoded directly.
      name: 'yoga-without-fetch',
      setup(b) {
        b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, (args) => {
          const text = readFileSync(args.path, 'utf8');
          const viaFetch = '"function"!=typeof fetch?Promise.resolve().then(function(){return wa()})';
          if (text.split(viaFetch).length !== 2) throw new Error(`yoga-without-fetch: ${args.path} no longer reads its WebAssembly as this plugin expects; update the plugin`);
          return { contents: text.replace(viaFetch, '!0?Promise.resolve().then(function(){return wa()})'), loader: 'js' };
        });
      },
    },
    {
      // Ink imports React DevTools only when DEV=true; an empty stand-in keeps the bundle self-contained.
      name: 'stub-react-devtools',
      setup(b) {
        b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
        b.onLoad({ filter: /^react-devtools-core$/, namespace: 'stub' }, () => ({ contents: 'export default { initialize() {}, connectToDevTools() {} };' }));
      },
    },
    {
      // Ink renders only a final frame when a CI variable is set; kdrill draws only on a TTY,
      // where a person is watching, so a CI variable exported in a shell must not blank it.
      name: 'stub-is-in-ci',
      setup(b) {
        b.onResolve({ filter: /^is-in-ci$/ }, () => ({ path: 'is-in-ci', namespace: 'stub' }));
        b.onLoad({ filter: /^is-in-ci$/, namespace: 'stub' }, () => ({ contents: 'export default false;' }));
      },
    },
  ],
  banner: {
    js: "import { createRequire as __kdrillCreateRequire } from 'node:module'; const require = __kdrillCreateRequire(import.meta.url);",
  },
};

// Two single-file bundles (one file loads faster than chunks: splitting cost the explorer's first
// frame about 100 ms). dist/cli.js has everything; dist/cli-light.js has the commands that draw no
// terminal UI (trace, rollout, sim), without Ink and React, and bin/kdrill.js picks by command.
await build({ ...common, outfile: 'dist/cli.js' });
// The demo's cluster for the explorer, started in a worker thread by bin/kdrill.js (src/cli/demo-worker.ts):
// the simulator alone, without Ink, React or client-node.
await build({ ...common, entryPoints: ['src/cli/demo-worker.ts'], outfile: 'dist/demo-worker.js' });
await build({
  ...common,
  outfile: 'dist/cli-light.js',
  plugins: [
    ...common.plugins,
    {
      name: 'no-tui',
      setup(b) {
        b.onResolve({ filter: /tui-command\.js$/ }, () => ({ path: 'tui-command', namespace: 'stub' }));
        b.onLoad({ filter: /^tui-command$/, namespace: 'stub' }, () => ({ contents: "export async function tuiCommand() { throw new Error('the explorer is in dist/cli.js, not in the light bundle'); }" }));
      },
    },
  ],
});
