// What to complete for a kdrill command line: pure (the cluster and kubeconfig are asked in complete-command.ts).
import { MAIN_HELP, PORT_FORWARD_HELP, ROLLOUT_HELP, SIM_HELP, TRACE_HELP } from './help.js';

/** What the word under the cursor can be. */
export type Want =
  | { type: 'words'; words: string[] }
  | { type: 'contexts' }
  | { type: 'namespaces' }
  | { type: 'hosts' }
  /** `KIND/NAME` of these kinds (kubectl's names), once a kind is typed; the kinds themselves before. */
  | { type: 'objects'; kinds: string[] }
  /** Files: left to the shell's own completion. */
  | { type: 'files' }
  | { type: 'none' };

/** The subcommands, with their help (flags are read from it). */
export const COMMAND_HELP: Record<string, string> = {
  completion: 'Usage:\n  kdrill completion bash|zsh|fish\n',
  'port-forward': PORT_FORWARD_HELP,
  rollout: ROLLOUT_HELP,
  sim: SIM_HELP,
  trace: TRACE_HELP,
};

/** A help text's flags, and those that take a value (`--context NAME`). */
export function helpFlags(help: string): { flags: string[]; valued: Set<string> } {
  const flags: string[] = [];
  const valued = new Set<string>();
  for (const m of help.matchAll(/^ {2,}(?:(-\w), )?(--[a-z][a-z-]*)( \S+)?\s{2,}/gm)) {
    for (const f of [m[1], m[2]]) {
      if (!f) continue;
      flags.push(f);
      if (m[3]) valued.add(f);
    }
  }
  return { flags, valued };
}

const FIXED: Record<string, string[]> = {
  '--log-level': ['debug', 'info', 'warn', 'error'],
  '--output': ['text', 'json'],
  '-o': ['text', 'json'],
  '--scenario': ['demo', 'holmes', 'deploy-test', 'large'],
};
const FILE_FLAGS = new Set(['--kubeconfig', '--log-file', '--kubeconfig-out']);

/** The command line read so far: the subcommand, its positional words, the values of the flags that pick a cluster. */
export interface Parsed {
  command?: string;
  positionals: string[];
  values: Record<string, string>;
  demo: boolean;
}

/** Reads the words before the cursor (kubectl-style: flags may stand before the subcommand). */
export function parseWords(words: readonly string[]): Parsed {
  const out: Parsed = { positionals: [], values: {}, demo: false };
  const valued = new Set([...helpFlags(MAIN_HELP).valued, ...Object.values(COMMAND_HELP).flatMap((h) => [...helpFlags(h).valued])]);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--demo') out.demo = true;
    const eq = /^(--[a-z-]+)=(.*)$/.exec(w);
    if (eq) out.values[eq[1]] = eq[2];
    else if (valued.has(w)) out.values[w] = words[++i] ?? '';
    else if (w.startsWith('-')) continue;
    else if (out.command === undefined && Object.hasOwn(COMMAND_HELP, w)) out.command = w;
    else out.positionals.push(w);
  }
  return out;
}

/** What the last word (the one being typed) can be, given the words before it. */
export function wantFor(words: readonly string[]): Want {
  const before = words.slice(0, -1);
  const current = words.at(-1) ?? '';
  const parsed = parseWords(before);
  const help = parsed.command ? COMMAND_HELP[parsed.command] : MAIN_HELP;
  const { flags, valued } = helpFlags(help);
  const prev = before.at(-1);
  const allValued = new Set([...valued, ...helpFlags(MAIN_HELP).valued]);
  if (prev && allValued.has(prev)) {
    if (prev === '--context') return { type: 'contexts' };
    if (prev === '-n' || prev === '--namespace') return { type: 'namespaces' };
    if (FILE_FLAGS.has(prev)) return { type: 'files' };
    if (prev === '--scenario') return { type: 'words', words: FIXED[prev] };
    if (FIXED[prev]) return { type: 'words', words: FIXED[prev] };
    return { type: 'none' };
  }
  if (current.startsWith('-')) return { type: 'words', words: [...new Set(flags)] };
  const at = parsed.positionals.length;
  switch (parsed.command) {
    case undefined:
      return { type: 'words', words: Object.keys(COMMAND_HELP) };
    case 'completion':
      return at === 0 ? { type: 'words', words: ['bash', 'zsh', 'fish'] } : { type: 'none' };
    case 'trace':
      return at === 0 ? { type: 'hosts' } : { type: 'none' };
    case 'rollout':
      if (at === 0) return { type: 'words', words: ['status', 'history'] };
      return at === 1 ? { type: 'objects', kinds: ['deployment', 'statefulset', 'daemonset'] } : { type: 'none' };
    case 'port-forward':
      return at === 0 ? { type: 'objects', kinds: ['pod', 'service', 'deployment'] } : { type: 'none' };
    default:
      return { type: 'none' };
  }
}
