// The main script of the single executable (CommonJS, as Node's single-executable support runs).
// The CLI bundle is ESM and Ink's layout engine uses top-level await, so it cannot become
// CommonJS: this unpacks the bundle and the demo's scenarios (embedded assets) once into a private
// cache directory named by their content hash, and import()s the bundle from there.
const { getAsset } = require('node:sea');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createRequire } = require('node:module');
const { pathToFileURL } = require('node:url');

const manifest = JSON.parse(getAsset('manifest.json', 'utf8'));

function cacheRoot() {
  const base = process.env.XDG_CACHE_HOME || (os.homedir() ? path.join(os.homedir(), '.cache') : '');
  return base && path.isAbsolute(base) ? path.join(base, 'kdrill') : path.join(os.tmpdir(), `kdrill-${process.getuid ? process.getuid() : 'user'}`);
}

// Unpacks into a fresh directory and renames it into place, so that a second kdrill starting at the
// same moment never sees half a bundle; a directory already there is complete.
function unpack(root) {
  const dir = path.join(root, manifest.hash);
  if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
  fs.mkdirSync(root, { recursive: true, mode: 0o700 });
  const tmp = fs.mkdtempSync(path.join(root, `.unpack-${manifest.hash}-`));
  for (const file of manifest.files) {
    const to = path.join(tmp, file);
    fs.mkdirSync(path.dirname(to), { recursive: true, mode: 0o700 });
    fs.writeFileSync(to, new Uint8Array(getAsset(file)), { mode: 0o600 });
  }
  fs.writeFileSync(path.join(tmp, 'import.cjs'), 'module.exports = (url) => import(url);\n', { mode: 0o600 });
  // Written last: its presence says the directory is whole.
  fs.writeFileSync(path.join(tmp, 'package.json'), JSON.stringify({ name: 'kdrill', version: manifest.version, type: 'module' }), { mode: 0o600 });
  try {
    fs.renameSync(tmp, dir);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!fs.existsSync(path.join(dir, 'package.json'))) throw e;
  }
  return dir;
}

function unpacked() {
  try {
    return unpack(cacheRoot());
  } catch {
    // A home without a writable cache (a locked-down jump host): the temporary directory.
    return unpack(path.join(os.tmpdir(), `kdrill-${process.getuid ? process.getuid() : 'user'}`));
  }
}

// Commands that draw no terminal UI start from the bundle without Ink and React (as bin/kdrill.js).
const LIGHT = new Set(['trace', 'rollout', 'sim', 'completion', '__complete', '--version', '-v', 'version']);
const dir = unpacked();
globalThis.__kdrillExecutable = { node: process.version };
// The main script's own require loads only built-in modules; one made for a file on disk loads
// that file, whose import() is an ordinary ESM import.
const load = createRequire(path.join(dir, 'import.cjs'))('./import.cjs');
load(pathToFileURL(path.join(dir, 'dist', LIGHT.has(process.argv[2]) ? 'cli-light.js' : 'cli.js')).href)
  .then(({ run }) => run(process.argv.slice(2)))
  .catch((e) => {
    process.stderr.write(`kdrill: ${e && e.message ? e.message.split('\n')[0] : e}\n`);
    process.exitCode = 1;
  });
