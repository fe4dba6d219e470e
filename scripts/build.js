// Bundles the CLI into dist/cli.js: one file loads in a fraction of the time of
// node_modules' thousands, and start-up speed is a feature of a terminal tool.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  // Optional native speed-ups of ws: loaded inside try/catch by ws, absent here.
  external: ['bufferutil', 'utf-8-validate'],
  plugins: [
    {
      // Ink imports React DevTools only when DEV=true; an empty stand-in keeps the bundle self-contained.
      name: 'stub-react-devtools',
      setup(b) {
        b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
        b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default { initialize() {}, connectToDevTools() {} };' }));
      },
    },
  ],
  banner: {
    js: "import { createRequire as __kdrillCreateRequire } from 'node:module'; const require = __kdrillCreateRequire(import.meta.url);",
  },
});
