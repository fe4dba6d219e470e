// The key sequences the scale benchmarks time at every size, so that 30,000 and 100,000 pods
// are measured by the same presses.
import type { Explorer } from './explorer-driver.js';

/** 200 cursor moves (mostly down, some up), ms each. */
export async function cursorMoves(ui: Explorer): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < 200; i++) out.push(await ui.press(i % 50 < 40 ? 'j' : 'k'));
  return out;
}

/** Five filters typed and erased a key at a time in the `/` prompt, ms per key. */
export async function filterKeys(ui: Explorer): Promise<number[]> {
  await ui.press('/');
  const out: number[] = [];
  for (const word of ['checkout', 'Running', 'auth-0', 'node-07', 'Crash']) {
    for (const ch of word) out.push(await ui.press(ch));
    for (let i = 0; i < word.length; i++) out.push(await ui.press('\u007f'));
  }
  await ui.press('\u001b');
  return out;
}

/** Ten sorts: Shift-A by age, Shift-N by name, Shift-S by status; the same key again reverses. Each reorders every row. */
export async function sortPresses(ui: Explorer): Promise<number[]> {
  const out: number[] = [];
  for (const key of ['A', 'A', 'N', 'N', 'S', 'S', 'A', 'N', 'A', 'N']) out.push(await ui.press(key));
  return out;
}

/** `:ns X` Enter, then `0` back to all namespaces, five times: ms to the frame with the namespace's (or all) pods. */
export async function namespaceSwitches(ui: Explorer, pods: number): Promise<number[]> {
  const out: number[] = [];
  for (const ns of ['auth-004', 'media-005', 'ledger-007', 'search-001', 'orders-006']) {
    await ui.type(`:ns ${ns}`);
    // Every generated namespace holds 100 pods.
    out.push(await ui.press('\r', new RegExp(`(^|\\n)ns ${ns} [\\s\\S]*pods\\s+\\(100\\)`)));
    out.push(await ui.press('0', new RegExp(`pods\\s+\\(${pods}\\)`)));
  }
  return out;
}
