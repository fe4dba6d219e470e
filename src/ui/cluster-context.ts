import { createContext, useContext } from 'react';
import type { ClusterSession } from '../kube/cluster-session.js';

/** The session of the current context, for components that read caches. */
export const ClusterContext = createContext<ClusterSession | undefined>(undefined);

/** The current cluster session (throws outside the provider: a programming error). */
export function useSession(): ClusterSession {
  const s = useContext(ClusterContext);
  if (!s) throw new Error('useSession outside ClusterContext');
  return s;
}
