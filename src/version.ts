import { readFileSync } from 'node:fs';

/** kdrill's version, from its package.json (found above src/, dist/ or dist/chunks/). */
export const VERSION: string = (() => {
  for (const up of ['../', '../../', '../../../']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(`${up}package.json`, import.meta.url), 'utf8'));
      if (pkg.name === 'kdrill') return String(pkg.version ?? 'unknown');
    } catch {
      // Not at this level: look further up.
    }
  }
  return 'unknown';
})();

/** What `kdrill --version` prints: the single executable adds the Node version it carries. */
export function versionLine(): string {
  const executable = (globalThis as { __kdrillExecutable?: { node: string } }).__kdrillExecutable;
  return executable ? `kdrill ${VERSION} (single executable, node ${executable.node})\n` : `kdrill ${VERSION}\n`;
}
