import { readFileSync } from 'node:fs';
import { BINDINGS, keyLabel, type Binding, type Scope, type ViewName } from '../../src/ui/keys/bindings.js';

/** k9s's bindings as recorded from its source (test/fixtures/k9s-keys.json). */
export interface K9sKeys {
  source: string;
  writes: string[];
  common: Record<string, string>;
  namespaced: Record<string, string>;
  views: Record<string, Record<string, string | null>>;
}

/** The recorded k9s key table. */
export const K9S: K9sKeys = JSON.parse(readFileSync(new URL('../fixtures/k9s-keys.json', import.meta.url), 'utf8'));

/** The views the audit covers, tables first. */
export const AUDITED: readonly ViewName[] = Object.keys(K9S.views);

/** Whether an audited view is a pane (its keys go to the detail scope). */
export const isPane = (view: ViewName) => view.endsWith(' pane');

/** What k9s does with a key in a view (undefined: nothing). */
export function k9sAction(view: ViewName, key: string): string | undefined {
  const own = K9S.views[view] ?? {};
  if (key in own) return own[key] ?? undefined;
  if (isPane(view)) return undefined;
  return K9S.common[key] ?? K9S.namespaced[key];
}

/** Every key k9s binds in a view. */
export function k9sKeys(view: ViewName): string[] {
  const own = K9S.views[view] ?? {};
  const all = isPane(view) ? Object.keys(own) : [...new Set([...Object.keys(K9S.common), ...Object.keys(K9S.namespaced), ...Object.keys(own)])];
  return all.filter((k) => k9sAction(view, k) !== undefined);
}

/** The scopes a key reaches in a view, as the dispatcher searches them. */
export const scopesOf = (view: ViewName): Scope[] => (isPane(view) ? ['detail', 'global'] : ['table', 'global']);

const TABLES = () => AUDITED.filter((v) => !isPane(v));

// "pods, containers: Shell; nodes: Node Shell", or "tables: Edit" when every audited table agrees.
function k9sCell(key: string): string {
  const byAction = new Map<string, string[]>();
  for (const view of AUDITED) {
    const a = k9sAction(view, key);
    if (a) byAction.set(a, [...(byAction.get(a) ?? []), view]);
  }
  if (!byAction.size) return '—';
  return [...byAction].map(([a, views]) => `${views.length === TABLES().length && views.every((v) => !isPane(v)) ? 'tables' : views.join(', ')}: ${a}`).join('; ');
}

function where(b: Binding): string {
  if (b.scope === 'global') return 'everywhere';
  if (b.scope === 'dialog') return 'in a question';
  const base = b.scope === 'detail' ? 'panes' : 'tables';
  if (b.views) return b.views.join(', ');
  return b.notIn ? `${base} (not ${b.notIn.join(', ')})` : base;
}

const escape = (s: string) => s.replace(/\|/g, '\\|');

/** The README's key table, generated: key, what k9s does in each audited view, what kdrill does. */
export function keyTable(): string {
  const keys: string[] = [];
  const add = (k: string) => !keys.includes(k) && keys.push(k);
  for (const scope of ['global', 'table', 'detail', 'dialog'] as Scope[]) for (const b of BINDINGS.filter((x) => x.scope === scope)) b.keys.forEach(add);
  for (const view of AUDITED) k9sKeys(view).forEach(add);
  const lines = ['| key | k9s | kdrill |', '|---|---|---|'];
  for (const key of keys) {
    const ours = BINDINGS.filter((b) => b.keys.includes(key));
    // A pane binding that repeats the table's (y, d, l...) is named once.
    const cells = [...new Set(ours.map((b) => `${where(b)}: ${b.description}`))];
    const kdrill = cells.length ? cells.join('; ') : 'nothing';
    lines.push(`| \`${escape(keyLabel(key))}\` | ${escape(k9sCell(key))} | ${escape(kdrill)} |`);
  }
  return lines.join('\n') + '\n';
}
