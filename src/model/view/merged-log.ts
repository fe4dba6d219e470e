/** A pod's short name in a merged log: the last two parts (`b4dd8c6c9-pbd5w`), which tell a workload's pods apart. */
export function shortPodName(name: string): string {
  return name.split('-').slice(-2).join('-');
}

/** The separator between a merged line's pod and its text (the pane colours what is before it). */
export const POD_SEPARATOR = ' │ ';
