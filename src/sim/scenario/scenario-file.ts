import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import type { ImageBehaviour } from '../images.js';
import type { KubeObject } from '../../model/types.js';
import { prebuiltDocuments } from './prebuilt-yaml.js';

/** A scenario that cannot be loaded, with the file and line at fault. */
export class ScenarioError extends Error {
  override name = 'ScenarioError';
}

/** A periodic image change that keeps the demo moving. */
export interface ChurnRollout {
  namespace: string;
  deployment: string;
  container: string;
  images: string[];
  everySeconds: number;
}

/** One manifest with where it came from, for error messages. */
export interface Manifest {
  object: KubeObject;
  file: string;
  line: number;
}

/** A scenario read from disk: manifests in load order, image behaviours and churn. */
export interface Scenario {
  name: string;
  description: string;
  manifests: Manifest[];
  images: Record<string, ImageBehaviour>;
  rollouts: ChurnRollout[];
  /** More images the simulated registry holds (`registry:` in kdrill-scenario.yaml: REPOSITORY: [TAG...]), as `repo:tag`. */
  registry: string[];
}

/** The directory that holds the built-in scenarios, found from this module (bundled or not). */
export function scenariosDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'fixtures', 'scenarios');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new ScenarioError('built-in scenarios not found (fixtures/scenarios is missing from the installation)');
}

/** Names of the built-in scenarios. */
export function builtinScenarios(): string[] {
  // `large` is generated in code (src/sim/scenario/large-scenario.ts), not read from manifests.
  return [...readdirSync(scenariosDir()).filter((d) => statSync(join(scenariosDir(), d)).isDirectory()), 'large'].sort();
}

/** Resolves a scenario name or directory path to a directory. */
export function scenarioPath(nameOrDir: string): string {
  if (/[/\\.]/.test(nameOrDir) || existsSync(nameOrDir)) {
    const dir = resolve(nameOrDir);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ScenarioError(`scenario directory ${nameOrDir} does not exist`);
    return dir;
  }
  const dir = join(scenariosDir(), nameOrDir);
  if (!existsSync(dir)) throw new ScenarioError(`unknown scenario "${nameOrDir}"; built-in scenarios: ${builtinScenarios().join(', ')}; or give a directory of YAML manifests`);
  return dir;
}

/** The manifests of one YAML (multi-document) or JSON file's text; `kind: List` documents give their items. */
export function parseDocuments(file: string, text: string): Manifest[] {
  const starts = [1];
  text.split('\n').forEach((l, i) => {
    if (/^---(\s|$)/.test(l)) starts.push(i + 2);
  });
  let docs: unknown[];
  try {
    docs = file.endsWith('.json') ? [JSON.parse(text)] : (prebuiltDocuments(text) ?? yaml.loadAll(text));
  } catch (e) {
    const mark = (e as { mark?: { line: number } }).mark;
    const where = mark ? `:${mark.line + 1}` : '';
    throw new ScenarioError(`${file}${where}: not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`);
  }
  const out: Manifest[] = [];
  let doc = 0;
  for (const d of docs) {
    const line = starts[Math.min(doc, starts.length - 1)];
    doc++;
    if (d === null || d === undefined) continue;
    const obj = d as KubeObject;
    if (typeof obj !== 'object' || Array.isArray(obj)) throw new ScenarioError(`${file}:${line}: a manifest must be a mapping with apiVersion, kind and metadata`);
    if (obj.kind === 'List' && Array.isArray(obj.items)) {
      for (const item of obj.items) out.push({ object: item, file, line });
      continue;
    }
    if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') throw new ScenarioError(`${file}:${line}: manifest has no apiVersion or kind`);
    if (!obj.metadata || typeof obj.metadata.name !== 'string') throw new ScenarioError(`${file}:${line}: ${obj.kind} has no metadata.name`);
    out.push({ object: obj, file, line });
  }
  return out;
}

/** Reads a scenario directory, its includes first; manifests keep their file and line. */
export function readScenario(nameOrDir: string, seen = new Set<string>()): Scenario {
  const dir = scenarioPath(nameOrDir);
  if (seen.has(dir)) throw new ScenarioError(`scenario ${dir} includes itself`);
  seen.add(dir);
  const metaFile = join(dir, 'kdrill-scenario.yaml');
  let meta: any = {};
  if (existsSync(metaFile)) {
    try {
      const text = readFileSync(metaFile, 'utf8');
      // yaml.load refuses more than one document: only a prebuilt file of at most one stands for it.
      const docs = prebuiltDocuments(text);
      meta = (docs && docs.length <= 1 ? docs[0] : yaml.load(text)) ?? {};
    } catch (e) {
      const mark = (e as { mark?: { line: number } }).mark;
      throw new ScenarioError(`${metaFile}${mark ? ':' + (mark.line + 1) : ''}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  const scenario: Scenario = { name: meta.name ?? dir.split(/[/\\]/).pop(), description: meta.description ?? '', manifests: [], images: {}, rollouts: [], registry: [] };
  for (const inc of Array.isArray(meta.include) ? meta.include : []) {
    const sub = readScenario(/[/\\]/.test(inc) ? resolve(dir, inc) : join(dirname(dir), inc), seen);
    scenario.manifests.push(...sub.manifests);
    Object.assign(scenario.images, sub.images);
    scenario.rollouts.push(...sub.rollouts);
    scenario.registry.push(...sub.registry);
  }
  Object.assign(scenario.images, meta.images ?? {});
  scenario.rollouts.push(...(meta.churn?.rollouts ?? []));
  for (const [repo, tags] of Object.entries(meta.registry ?? {})) {
    if (!Array.isArray(tags)) throw new ScenarioError(`${metaFile}: registry.${repo} must be a list of tags`);
    for (const tag of tags) scenario.registry.push(`${repo}:${tag}`);
  }
  const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f) && f !== 'kdrill-scenario.yaml').sort();
  for (const f of files) scenario.manifests.push(...parseDocuments(join(dir, f), readFileSync(join(dir, f), 'utf8')));
  scenario.manifests = overriding(scenario.manifests);
  return scenario;
}

/** Manifests with later ones of the same kind, namespace and name replacing earlier ones (an including scenario overrides what it includes). */
function overriding(manifests: Manifest[]): Manifest[] {
  const key = (m: Manifest) => `${m.object.kind}/${m.object.metadata?.namespace ?? ''}/${m.object.metadata?.name ?? ''}`;
  const last = new Map(manifests.map((m) => [key(m), m]));
  return manifests.filter((m) => last.get(key(m)) === m);
}
