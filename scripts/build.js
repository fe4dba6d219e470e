// Bundles the CLI into dist/cli.js and its chunks: a few files load in a fraction of the time of
// node_modules' thousands, and start-up speed is a feature of a terminal tool.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry content hashes: start from an empty dist/, or stale chunks pile up.
rmSync('dist', { recursive: true, force: true });

await build({
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  // Shared chunks: each subcommand loads only what it uses (see COMMANDS in src/cli.ts).
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  // React's production build: the development one spends much of each frame on checks and profiling marks.
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
  // Optional native speed-ups of ws: loaded inside try/catch by ws, absent here.
  external: ['bufferutil', 'utf-8-validate'],
  plugins: [
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
});
