import { useEffect } from 'react';

/** Idle work scheduled and neither finished nor cancelled yet, in this process (for tests: wait until there is none). */
export const idleWork = { pending: 0 };

// A slice of idle work: a key that arrives meanwhile waits at most this long (plus one step).
const SLICE_MS = 4;

let lastInput = -Infinity;

/** Marks a key's arrival: idle work pauses until keys have been quiet for a while, so the key's frame goes first. */
export function noteInput(): void {
  lastInput = performance.now();
}

/**
 * Runs `steps` (each a few milliseconds of work) while the process has nothing else to do: after
 * `quietMs` without a change of `deps` or a key (see noteInput), in slices of a few milliseconds
 * with the event loop free in between, so keys and data go first. A change of `deps` (a key's
 * state, a new batch of data) cancels what is left, and the work starts again once things are quiet.
 */
export function useIdleWork(steps: (() => Iterable<void>) | undefined, deps: readonly unknown[], quietMs = 150): void {
  useEffect(() => {
    if (!steps) return;
    let timer: NodeJS.Timeout | undefined;
    let it: Iterator<void> | undefined;
    let pending = true;
    idleWork.pending++;
    const settle = () => {
      if (pending) idleWork.pending--;
      pending = false;
    };
    const slice = () => {
      const sinceKey = performance.now() - lastInput;
      if (sinceKey < quietMs) return void (timer = setTimeout(slice, quietMs - sinceKey));
      it ??= steps()[Symbol.iterator]();
      const until = performance.now() + SLICE_MS;
      do if (it.next().done) return settle();
      while (performance.now() < until);
      timer = setTimeout(slice, 0);
    };
    timer = setTimeout(slice, quietMs);
    return () => {
      clearTimeout(timer);
      settle();
    };
  }, deps);
}
