import { createContext } from 'react';
import type { K9sSetup } from '../model/k9s/k9s-setup.js';

/** The user's k9s setup for the context in use, and what plugins need beside it. */
export interface K9sRuntime {
  setup: K9sSetup;
  /** $KUBECONFIG for plugins: --kubeconfig, else the environment's. */
  kubeconfig: string;
  /** The context's cluster name in the kubeconfig ($CLUSTER). */
  cluster: string;
  /** Plugins kdrill's config allows under --readonly (plugins: readOnlySafe). */
  readOnlySafe: readonly string[];
  /** One line about keys that clash with kdrill's, shown once when the explorer opens. */
  clashes?: string;
}

/** The k9s setup of the running explorer (none in tests that give none). */
export const K9sContext = createContext<K9sRuntime | undefined>(undefined);
