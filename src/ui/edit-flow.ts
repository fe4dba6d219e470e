import type { KubeObject } from '../model/types.js';
import type { KeyContext } from './keys/key-context.js';

/** Edits an object as `kubectl edit` does (the editor gets the terminal); says in the footer how it went. */
export function startEdit(ctx: KeyContext, resource: string, o: KubeObject): void {
  ctx.dispatch({ type: 'flash', text: `edit ${resource} ${o.metadata?.name}: not yet` });
}
