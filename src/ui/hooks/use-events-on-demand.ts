import { useEffect } from 'react';
import { useSession } from '../cluster-context.js';

/** The resources a pane of events reads (the core API's: events.k8s.io serves the same events again). */
export const EVENT_RESOURCES: readonly string[] = ['events'];

/**
 * Asks the session for the events of `namespace` while a screen shows them (the explorer reads
 * events on demand; undefined: none shown), and says whether they are still loading there.
 */
export function useEventsOnDemand(namespace: string | undefined): boolean {
  const session = useSession();
  useEffect(() => {
    if (namespace !== undefined) session.needRelations(EVENT_RESOURCES, namespace);
  }, [session, namespace]);
  return namespace !== undefined && session.relationState('events', namespace) === 'loading';
}
