import { formatSelector, type Selector } from '../label-selector.js';
import type { KubeObject } from '../types.js';
import { nearest } from './nearest.js';

const SHOWN = 4;

/**
 * Why a selector selects no pods, in a line: the selector, and for each of its labels the values
 * the pods of that namespace do carry (the nearest to the one asked first), or that none carries it.
 */
export function whyNoPods(selector: Selector, pods: readonly KubeObject[], namespace: string | undefined): string {
  const where = namespace ? `namespace ${namespace}` : 'any namespace';
  const head = `selector ${formatSelector(selector)} matches no pods in ${where}`;
  if (pods.length === 0) return `${head}: there are no pods there`;
  const carried: string[] = [];
  const missing: string[] = [];
  for (const { key, op, values } of selector) {
    if (op === '!exists' || op === 'notin') continue;
    const have = [...new Set(pods.map((p) => p.metadata?.labels?.[key]).filter((v): v is string => typeof v === 'string'))];
    if (!have.length) missing.push(key);
    else if (op !== 'in' || !values.some((v) => have.includes(v))) {
      const near = values.length ? nearest(values[0], have, SHOWN) : [];
      const ordered = [...near, ...have.filter((v) => !near.includes(v)).sort()];
      carried.push(`${ordered.slice(0, SHOWN).map((v) => `${key}=${v}`).join(', ')}${ordered.length > SHOWN ? ` (${ordered.length - SHOWN} more)` : ''}`);
    }
  }
  const parts = [carried.length ? `pods there carry ${carried.join(', ')}` : '', missing.length ? `no pod there has a label ${missing.join(' or ')}` : ''].filter(Boolean);
  return [head, ...parts].join('; ');
}
