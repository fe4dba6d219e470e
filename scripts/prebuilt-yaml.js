// The built-in scenarios' YAML, parsed at build time (scripts/build.js puts the table into the bundles):
// js-yaml spent about 45 ms of `kdrill --demo`'s start parsing the demo's 60 KB, JSON.parse a millisecond.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import yaml from 'js-yaml';

/** A YAML text's key in the table: its SHA-256, so that an edited file is parsed, never read from the table. */
export function yamlKey(text) {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Every YAML file in the scenario directories under `root`, by key: the JSON of its documents as
 * js-yaml reads them. A file whose documents JSON cannot carry (a timestamp read as a Date) is left out.
 */
export function prebuildYaml(root) {
  const table = {};
  for (const dir of readdirSync(root).sort()) {
    if (!statSync(join(root, dir)).isDirectory()) continue;
    for (const f of readdirSync(join(root, dir)).sort()) {
      if (!/\.ya?ml$/.test(f)) continue;
      const text = readFileSync(join(root, dir, f), 'utf8');
      const docs = yaml.loadAll(text);
      const json = JSON.stringify(docs);
      if (isDeepStrictEqual(JSON.parse(json), docs)) table[yamlKey(text)] = json;
    }
  }
  return table;
}
