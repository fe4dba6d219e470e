// Flag tables and constants that both the explorer and the demo's worker thread read (the worker's
// bundle holds the simulator, not the explorer or client-node).

/** The flags every cluster command shares, for `parse`. */
export const TARGET_OPTIONS = {
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  demo: { type: 'boolean' },
  scenario: { type: 'string' },
  snapshot: { type: 'string' },
  'log-file': { type: 'string' },
  'log-level': { type: 'string' },
} as const;

/** The explorer's flags (`kdrill [flags]`), for `parse`. */
export const EXPLORER_OPTIONS = {
  ...TARGET_OPTIONS,
  namespace: { type: 'string', short: 'n' },
  'all-namespaces': { type: 'boolean', short: 'A' },
  readonly: { type: 'boolean' },
  trace: { type: 'string' },
  'log-tail': { type: 'string' },
  'log-buffer': { type: 'string' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** The explorer's demo warm-up: settled from 20 s of cluster life on; each warmed second costs start-up CPU before the first frame. */
export const EXPLORER_WARM_UP_MS = 60_000;
