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
