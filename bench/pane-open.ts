// YAML and describe opened on objects whose whole body is not cached (the caches keep slim
// objects): ms from the key to the first frame showing the pane's first lines.
import type { Explorer } from './explorer-driver.js';

/** Opens YAML (`y`) then describe (`d`) on `times` different pods, closing each with Escape; ms per open. */
export async function paneOpens(ui: Explorer, times: number): Promise<{ yaml: number[]; describe: number[] }> {
  const yaml: number[] = [];
  const describe: number[] = [];
  for (let i = 0; i < times; i++) {
    // A pod not opened before: its whole object is not cached, so the pane GETs it.
    await ui.press('j');
    yaml.push(await ui.press('y', /apiVersion: v1[\s\S]*kind: Pod/));
    await ui.press('\u001b');
    await ui.press('j');
    describe.push(await ui.press('d', /Name: +\S+[\s\S]*Namespace: +\S+/));
    await ui.press('\u001b');
  }
  return { yaml, describe };
}
