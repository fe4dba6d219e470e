// `npm run package`: builds dist/kdrill-<platform>-<arch>, a single executable (Node's
// single-executable-application support) holding the CLI bundles and the demo's scenarios as
// assets, with scripts/sea-main.cjs as its main script. Run after scripts/build.js.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { inject } from 'postject';

const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const work = resolve('.kdrill-tmp/sea');
const output = resolve(`dist/kdrill-${process.platform}-${process.arch}`);

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

for (const bundle of ['dist/cli.js', 'dist/cli-light.js']) {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run 'npm run build' first`);
}
// What the demo reads at run time: every fixture but the recorded API server corpus (tests only).
const fixtures = readdirSync('fixtures').filter((d) => d !== 'apiserver-1.36').flatMap((d) => files(join('fixtures', d)));
const assets = ['dist/cli.js', 'dist/cli-light.js', ...fixtures].map((f) => relative('.', f).split('\\').join('/')).sort();
const hash = createHash('sha256');
for (const f of assets) hash.update(f).update('\0').update(readFileSync(f)).update('\0');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const manifest = { version, hash: `${version}-${hash.digest('hex').slice(0, 16)}`, files: assets };

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
writeFileSync(join(work, 'manifest.json'), JSON.stringify(manifest));
const config = {
  main: resolve('scripts/sea-main.cjs'),
  output: join(work, 'kdrill.blob'),
  disableExperimentalSEAWarning: true,
  assets: { 'manifest.json': join(work, 'manifest.json'), ...Object.fromEntries(assets.map((f) => [f, resolve(f)])) },
};
writeFileSync(join(work, 'sea-config.json'), JSON.stringify(config, null, 2));
execFileSync(process.execPath, ['--experimental-sea-config', join(work, 'sea-config.json')], { stdio: ['ignore', 'ignore', 'inherit'] });

rmSync(output, { force: true });
copyFileSync(process.execPath, output);
chmodSync(output, 0o755);
if (process.platform === 'darwin') execFileSync('codesign', ['--remove-signature', output]);
await inject(output, 'NODE_SEA_BLOB', readFileSync(config.output), { sentinelFuse: FUSE, machoSegmentName: process.platform === 'darwin' ? 'NODE_SEA' : undefined });
if (process.platform === 'darwin') execFileSync('codesign', ['--sign', '-', output]);
rmSync(work, { recursive: true, force: true });
process.stdout.write(`${relative('.', output)}: ${(statSync(output).size / 1e6).toFixed(1)} MB (node ${process.version}, ${assets.length} assets)\n`);
