import { sanitize } from './model/sanitize.js';
import { ScenarioError } from './sim/scenario/scenario-file.js';
import { CliError, UsageError } from './errors.js';
import { versionLine } from './version.js';
import { commandWordIndex } from './cli/command-word.js';
import { useConfig } from './cli/config-file.js';
import type { PrestartedDemo } from './cli/demo-worker-client.js';

type Command = (args: string[]) => Promise<number>;

// Subcommands by name, each loaded when run; the TUI runs when none is given. (The build makes
// a second bundle without the TUI for the other commands: see scripts/build.js.)
const COMMANDS: Record<string, () => Promise<Command>> = {
  completion: async () => (await import('./cli/completion-command.js')).completionCommand,
  'port-forward': async () => (await import('./cli/port-forward-command.js')).portForwardCommand,
  rollout: async () => (await import('./cli/rollout-command.js')).rolloutCommand,
  sim: async () => (await import('./cli/sim-command.js')).simCommand,
  snapshot: async () => (await import('./cli/snapshot-command.js')).snapshotCommand,
  trace: async () => (await import('./cli/trace-command.js')).traceCommand,
};
const explorer = async () => (await import('./cli/tui-command.js')).tuiCommand;

/** How bin/kdrill.js started the process: the demo's cluster it started in a worker thread, for the explorer to take. */
export interface StartOptions {
  demo?: PrestartedDemo;
}

/** Runs kdrill with command-line arguments and returns the exit status. */
export async function main(argv: string[], start: StartOptions = {}): Promise<number> {
  const [first] = argv;
  if (first === '--version' || first === '-v' || first === 'version') {
    process.stdout.write(versionLine());
    return 0;
  }
  if (first === '--check-config') return (await import('./cli/check-config.js')).checkConfigCommand();
  // The shell scripts' fast path: no config read, nothing printed but candidates.
  if (first === '__complete') return (await import('./cli/complete-command.js')).completeCommand(argv.slice(1));
  // Global flags may stand before the subcommand too (`kdrill --demo trace HOST`), as in kubectl.
  const at = commandWordIndex(argv);
  // kdrill's config file gives flags their defaults; a file that is not valid stops every command
  // (trace keeps its exit statuses 1 and 2 for what the route is: 3, as for any usage error).
  try {
    // A completion script is printed whatever the config holds (it runs in every new shell).
    if (argv[at] !== 'completion') useConfig();
  } catch (e) {
    if (at >= 0 && argv[at] === 'trace' && e instanceof CliError) throw new CliError(e.message, 3, e.hint);
    throw e;
  }
  if (at >= 0) {
    const word = argv[at];
    const command = Object.hasOwn(COMMANDS, word) ? COMMANDS[word] : undefined;
    if (!command) throw new UsageError(`unknown command "${word}"; commands: ${Object.keys(COMMANDS).join(', ')}`);
    return (await command())([...argv.slice(0, at), ...argv.slice(at + 1)]);
  }
  return (await explorer())(argv, start.demo);
}

/** Prints an error as one line (plus a hint) and gives its exit status; never a stack trace. */
export function report(err: unknown): number {
  if (err instanceof UsageError) {
    process.stderr.write(`kdrill: ${sanitize(err.message, true)}\n${sanitize(err.hint, true)}\n`);
    return 2;
  }
  if (err instanceof CliError) {
    // Hints quote names from the kubeconfig and the cluster (contexts, namespaces): sanitised too.
    process.stderr.write(`kdrill: ${sanitize(err.message, true)}\n${err.hint ? sanitize(err.hint, true) + '\n' : ''}`);
    return err.exitCode;
  }
  if (err instanceof ScenarioError) {
    process.stderr.write(`kdrill: ${sanitize(err.message, true)}\n`);
    return 1;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`kdrill: ${sanitize(message.split('\n')[0], true)}\nset KDRILL_DEBUG=1 for details\n`);
  if (process.env.KDRILL_DEBUG) process.stderr.write(`${(err as Error)?.stack ?? ''}\n`);
  return 1;
}

/** The process entry point used by bin/kdrill.js. */
export async function run(argv = process.argv.slice(2), start: StartOptions = {}): Promise<void> {
  let code: number;
  try {
    code = await main(argv, start);
  } catch (err) {
    code = report(err);
  }
  process.exitCode = code;
}
