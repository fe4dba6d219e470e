// Flag tables, checks and constants that the explorer reads before its heavier modules load, and
// that the demo's worker thread reads (its bundle holds the simulator, not the explorer or client-node).
import { UsageError } from '../errors.js';

/** Where a command talks to: a kubeconfig context, or the built-in simulated cluster. */
export interface TargetFlags {
  kubeconfig?: string;
  context?: string;
  demo?: boolean;
  scenario?: string;
  /** A snapshot directory or .tar.gz to serve (frozen, read-only) instead of a cluster. */
  snapshot?: string;
}


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

/** Rejects flag combinations that cannot work, before anything connects. */
export function checkTargetFlags(flags: TargetFlags): void {
  if (flags.scenario && !flags.demo) throw new UsageError('--scenario needs --demo');
  if (flags.snapshot && (flags.demo || flags.kubeconfig || flags.context)) throw new UsageError('--snapshot cannot be combined with --demo, --kubeconfig or --context', 'a snapshot is its own cluster, frozen at the time it was taken');
  if (flags.demo && flags.kubeconfig) throw new UsageError('--demo cannot be combined with --kubeconfig', "--demo has its own contexts: kdrill-demo (an admin) and kdrill-viewer (reads namespace shop only)");
}
