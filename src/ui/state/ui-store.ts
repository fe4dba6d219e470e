import { useRef, useSyncExternalStore } from 'react';
import { uiReducer, type UiAction } from './ui-reducer.js';
import type { UiState } from './ui-state.js';

/**
 * The UI state outside React: `dispatch` applies the reducer at once, so a key handled right
 * after another sees the state the previous key left, before React has rendered it; the key
 * dispatcher compares `get()` with the state a render showed to know whether that render is current.
 */
export interface UiStore {
  get(): UiState;
  dispatch(action: UiAction): void;
  subscribe(listener: () => void): () => void;
}

/** A store holding `initial`, changed only through the UI reducer. */
export function createUiStore(initial: UiState): UiStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    dispatch: (action) => {
      const next = uiReducer(state, action);
      if (next === state) return;
      state = next;
      for (const l of listeners) l();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The component's UI store (made once, from `init`) and the state to render now. */
export function useUiStore(init: () => UiState): [UiState, UiStore] {
  const store = useRef<UiStore | undefined>(undefined);
  store.current ??= createUiStore(init());
  const state = useSyncExternalStore(store.current.subscribe, store.current.get);
  return [state, store.current];
}
