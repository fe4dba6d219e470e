import { useRef } from 'react';
import type { KubeObject } from '../../model/types.js';
import type { PaneOptions, View } from '../state/ui-state.js';

/** What the detail pane is on: its object, the options it is shown with, and whether the object went away. */
export interface PaneObject {
  object: KubeObject | undefined;
  pane: PaneOptions;
  deleted: boolean;
}

/** The row under the cursor as the render sees it. */
export interface PaneObjectInput {
  open: boolean;
  /** The cursor's row is gone from the table (and the view did not change: the cluster took it away). */
  vanished: boolean;
  /** The cluster moved the cursor, and the user has not moved it since. */
  movedByCluster: boolean;
  view: View;
  depth: number;
  shown: KubeObject | undefined;
  pane: PaneOptions;
}

interface Held {
  object: KubeObject | undefined;
  pane: PaneOptions;
  depth: number;
  title: string;
}

/**
 * The object the detail pane shows: the one under the cursor, except that a pane never changes
 * object on its own. When the cluster takes the row away (a deletion) while the pane is open, the
 * pane stays on the object it showed, as it last was, until the user moves the cursor or leaves the view.
 */
export function usePaneObject(input: PaneObjectInput): PaneObject {
  const held = useRef<Held | undefined>(undefined);
  const last = useRef<{ object: KubeObject | undefined; pane: PaneOptions } | undefined>(undefined);
  const previousView = useRef<View | undefined>(undefined);
  const { open, vanished, movedByCluster, view, depth, shown, pane } = input;
  const sameView = previousView.current === view;
  previousView.current = view;
  const h = held.current;
  if (h && (!open || h.depth !== depth || h.title !== view.title || (!vanished && !movedByCluster))) held.current = undefined;
  // A row gone while nothing the user did changed the view (a filter typed does): the cluster's doing.
  if (!held.current && open && vanished && sameView && last.current?.object) held.current = { ...last.current, depth, title: view.title };
  if (!vanished && !held.current) last.current = { object: shown, pane };
  if (!held.current) return { object: shown, pane, deleted: false };
  // The toggles of that object stay as they were (the cursor's move reset them); the others follow the keys.
  const { decode, managedFields, previous, allContainers } = held.current.pane;
  return { object: held.current.object, pane: { ...pane, decode, managedFields, previous, allContainers }, deleted: true };
}
