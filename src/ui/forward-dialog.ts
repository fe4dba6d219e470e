import type { KeyContext } from './keys/key-context.js';

/** Opens the port-forward dialog for the pod, container or Service under the cursor. */
export function openForwardDialog(ctx: KeyContext): void {
  ctx.dispatch({ type: 'flash', text: 'port-forward: not yet' });
}
