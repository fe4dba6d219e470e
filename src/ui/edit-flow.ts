import { spawn } from 'node:child_process';
import { ApiError } from '../kube/api-error.js';
import { editObject, type EditOutcome } from '../kube/edit-object.js';
import type { KubeObject } from '../model/types.js';
import { handOver } from './hand-over.js';
import type { KeyContext } from './keys/key-context.js';

/** The editor kubectl would run: $KUBE_EDITOR, else $EDITOR, else vi. */
export function editorCommand(env: NodeJS.ProcessEnv = process.env): string {
  return env.KUBE_EDITOR?.trim() || env.EDITOR?.trim() || 'vi';
}

/** Runs the editor on `path` with the terminal handed over; rejects when it cannot start or exits non-zero. */
export function runEditor(path: string): Promise<void> {
  const editor = editorCommand();
  // Through the shell, as kubectl does for an editor with arguments ("code --wait").
  return handOver(
    (t) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn('sh', ['-c', `${editor} "$1"`, 'sh', path], { stdio: 'inherit', signal: t.signal });
        child.on('error', reject);
        child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${editor} exited with ${signal ?? `status ${code}`}`))));
      }),
  );
}

/** The footer's line for how an edit ended. */
export function editMessage(kind: string, name: string, o: EditOutcome): { text: string; level: 'info' | 'error' } {
  if (o.result === 'updated') return { text: `edited ${kind.toLowerCase()} ${name}`, level: 'info' };
  if (o.result === 'unchanged') return { text: 'Edit cancelled, no changes made.', level: 'info' };
  return { text: o.file ? `${o.message} A copy of your changes has been stored to ${o.file}` : o.message, level: o.file ? 'error' : 'info' };
}

/** Edits an object as `kubectl edit` does (the editor gets the terminal); says in the footer how it went. */
export function startEdit(ctx: KeyContext, resource: string, o: KubeObject, open = runEditor): void {
  const r = ctx.session.discovery.get(resource);
  const name = String(o.metadata?.name);
  if (!r) return void ctx.dispatch({ type: 'flash', text: `${resource} is not served by this cluster`, level: 'error' });
  void editObject(ctx.session.transport, r, { namespace: o.metadata?.namespace, name }, open).then(
    (outcome) => ctx.dispatch({ type: 'flash', ...editMessage(String(o.kind), name, outcome) }),
    (e) => ctx.dispatch({ type: 'flash', text: e instanceof ApiError ? `cannot edit ${String(o.kind).toLowerCase()} ${name}: ${e.message}` : String(e), level: 'error' }),
  );
}
