import { commandWordIndex } from './command-word.js';
import { parse } from './parse.js';
import { EXPLORER_OPTIONS, EXPLORER_WARM_UP_MS } from './target-options.js';

/** The demo cluster an explorer start asks for. */
export interface DemoPlan {
  scenario: string;
  warmUpMs: number;
}

/** The demo cluster the explorer will start for these flags (after the config's defaults, when it has read them). */
export function demoPlanOf(flags: { scenario?: string }): DemoPlan {
  return { scenario: flags.scenario ?? 'demo', warmUpMs: EXPLORER_WARM_UP_MS };
}

/**
 * Whether the command line is the explorer on the demo (`kdrill --demo`, no subcommand, help or
 * version), read before the config file is: a guess the explorer checks (demoPlanOf) before it
 * takes the cluster a worker started from it.
 */
export function explorerDemoPlan(argv: string[]): DemoPlan | undefined {
  if (commandWordIndex(argv) >= 0) return undefined;
  try {
    const { values } = parse('', argv, EXPLORER_OPTIONS);
    if (!values.demo || values.help || values.version || values.snapshot || values.kubeconfig) return undefined;
    return demoPlanOf(values);
  } catch {
    return undefined;
  }
}

/** Whether two plans start the same cluster. */
export function samePlan(a: DemoPlan, b: DemoPlan): boolean {
  return a.scenario === b.scenario && a.warmUpMs === b.warmUpMs;
}
