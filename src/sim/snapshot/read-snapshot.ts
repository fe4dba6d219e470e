import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import yaml from 'js-yaml';
import { readTar } from '../../model/snapshot/ustar.js';
import { SNAPSHOT_MANIFEST, type SnapshotManifest } from '../../model/snapshot/snapshot-manifest.js';
import { parseDocuments, ScenarioError, type Manifest } from '../scenario/scenario-file.js';
import { parseCapturedLog, type CapturedLogs } from './captured-logs.js';

/** A snapshot read from a directory or a .tar.gz: its manifest, objects and captured log lines. */
export interface SnapshotData {
  source: string;
  manifest: SnapshotManifest;
  manifests: Manifest[];
  logs: CapturedLogs;
}

/** Every file of a snapshot by its path inside it (`/`-separated), from a directory or an archive. */
function snapshotFiles(path: string): Map<string, Buffer> {
  if (!existsSync(path)) throw new ScenarioError(`snapshot ${path} does not exist`);
  const files = new Map<string, Buffer>();
  if (statSync(path).isDirectory()) {
    const walk = (dir: string) => {
      for (const name of readdirSync(dir).sort()) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else files.set(relative(path, full).split(sep).join('/'), readFileSync(full));
      }
    };
    walk(path);
    return files;
  }
  let entries;
  try {
    entries = readTar(gunzipSync(readFileSync(path)));
  } catch (e) {
    throw new ScenarioError(`snapshot ${path} is neither a directory nor a .tar.gz archive (${(e as Error).message})`);
  }
  // An archive made by `tar czf x.tar.gz DIR` has DIR/ in front of every path: take it off.
  const top = entries.find((e) => e.name.endsWith(SNAPSHOT_MANIFEST))?.name.slice(0, -SNAPSHOT_MANIFEST.length) ?? '';
  for (const e of entries) if (e.name.startsWith(top)) files.set(e.name.slice(top.length), e.data);
  return files;
}

/** Reads a snapshot written by `kdrill snapshot`; throws a ScenarioError naming what is wrong. */
export function readSnapshot(path: string): SnapshotData {
  const files = snapshotFiles(path);
  const manifestText = files.get(SNAPSHOT_MANIFEST);
  if (!manifestText) throw new ScenarioError(`${path} is not a kdrill snapshot (it has no ${SNAPSHOT_MANIFEST})`);
  let manifest: SnapshotManifest;
  try {
    manifest = yaml.load(manifestText.toString('utf8')) as SnapshotManifest;
  } catch (e) {
    throw new ScenarioError(`${join(path, SNAPSHOT_MANIFEST)}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!manifest || typeof manifest.capturedAt !== 'string' || Number.isNaN(Date.parse(manifest.capturedAt))) {
    throw new ScenarioError(`${join(path, SNAPSHOT_MANIFEST)}: capturedAt is missing or not a time`);
  }
  const manifests: Manifest[] = [];
  const logs: CapturedLogs = new Map();
  for (const [name, data] of files) {
    if (name.startsWith('objects/') && /\.(ya?ml|json)$/.test(name)) manifests.push(...parseDocuments(join(path, name), data.toString('utf8')));
    else if (name.startsWith('logs/') && name.endsWith('.log')) logs.set(name.slice('logs/'.length, -'.log'.length), parseCapturedLog(data.toString('utf8')));
  }
  return { source: path, manifest, manifests, logs };
}
