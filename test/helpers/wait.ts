import { setTimeout as delay } from 'node:timers/promises';

/** A value that passes an `if`. */
export type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

/** Waits until `check` returns a truthy value (polling every 20 ms), or fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 10_000): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as Truthy<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await delay(20);
  }
}
