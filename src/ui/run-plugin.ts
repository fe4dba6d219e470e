// Runs a k9s plugin: its command with its arguments as an argv array (never through a shell kdrill
// adds; a plugin that wants one runs `sh -c` itself). In the background its end is said in the footer;
// in the foreground the terminal is handed over to it, as for a shell in a container.
import { spawn } from 'node:child_process';
import { sanitize } from '../model/sanitize.js';
import { handOver } from './hand-over.js';
import type { KeyContext } from './keys/key-context.js';
import type { PluginAction } from './state/ui-state.js';

/** Runs a plugin (asked for already, when it asks); what happened is flashed in the footer. */
export function runPlugin(ctx: Pick<KeyContext, 'dispatch'>, action: PluginAction): Promise<void> {
  const say = (text: string, level: 'info' | 'error' = 'info') => ctx.dispatch({ type: 'flash', text, level });
  const failed = (e: Error & { code?: string }) => say(e.code === 'ENOENT' ? `plugin ${action.name}: command not found: ${action.command}` : `plugin ${action.name}: ${e.message}`, 'error');
  if (action.background) {
    say(`plugin ${action.name} started in the background: ${action.description}`);
    return new Promise((resolve) => {
      const child = spawn(action.command, action.args, { stdio: ['ignore', 'ignore', 'pipe'], shell: false });
      let err = '';
      let failedToStart = false;
      child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
      child.on('error', (e) => ((failedToStart = true), failed(e), resolve()));
      child.on('close', (code, signal) => {
        if (failedToStart) return;
        if (code === 0) say(`plugin ${action.name} finished`);
        else say(`plugin ${action.name} failed (${signal ?? `exit ${code}`})${err.trim() ? `: ${sanitize(err.trim().split('\n').pop()!, true)}` : ''}`, 'error');
        resolve();
      });
    });
  }
  return handOver(
    (t) =>
      new Promise<number | null>((resolve, reject) => {
        const child = spawn(action.command, action.args, { stdio: 'inherit', shell: false, signal: t.signal });
        child.on('error', reject);
        child.on('close', (code) => resolve(code));
      }),
  ).then(
    (code) => (code === 0 ? say(`plugin ${action.name} finished`) : say(`plugin ${action.name} failed (exit ${code})`, 'error')),
    (e) => failed(e as Error),
  );
}
