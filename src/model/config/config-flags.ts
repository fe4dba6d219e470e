// The global flags a config file may give defaults for, and how each value is checked.

type Kind = { type: 'boolean' } | { type: 'number'; min: number; max: number } | { type: 'string'; values?: string[] } | { type: 'strings' } | { type: 'duration' };

/**
 * Every flag a config may default, by name; a name no command of this build takes is reported
 * as ignored (flags other work adds: edge-config, dns-server, probe, probe-timeout).
 */
export const FLAG_KINDS: Record<string, Kind> = {
  readonly: { type: 'boolean' },
  namespace: { type: 'string' },
  'all-namespaces': { type: 'boolean' },
  'log-tail': { type: 'number', min: 0, max: 100_000 },
  'log-buffer': { type: 'number', min: 100, max: 1_000_000 },
  'no-color': { type: 'boolean' },
  'log-file': { type: 'string' },
  'log-level': { type: 'string', values: ['debug', 'info', 'warn', 'error'] },
  'edge-config': { type: 'strings' },
  'dns-server': { type: 'string' },
  probe: { type: 'boolean' },
  'probe-timeout': { type: 'duration' },
};

/** Flags that choose the cluster: given on the command line, never by default. */
export const NOT_DEFAULTS = new Set(['kubeconfig', 'context', 'demo', 'scenario', 'help', 'version']);

/** What is wrong with a flag's value (a phrase after its key), or undefined. */
export function flagProblem(name: string, value: unknown): string | undefined {
  const kind = FLAG_KINDS[name];
  const shown = JSON.stringify(value);
  switch (kind.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `must be true or false, not ${shown}`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && value >= kind.min && value <= kind.max ? undefined : `must be a number from ${kind.min} to ${kind.max}, not ${shown}`;
    case 'string':
      if (typeof value !== 'string' || value === '') return `must be a text, not ${shown}`;
      return kind.values && !kind.values.includes(value) ? `must be ${kind.values.join(', ')}, not ${shown}` : undefined;
    case 'strings':
      return typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string')) ? undefined : `must be a text or a list of texts, not ${shown}`;
    case 'duration':
      return typeof value === 'string' && /^\d+(ms|s|m)$/.test(value) ? undefined : `must be a duration such as 2s or 500ms, not ${shown}`;
  }
}
