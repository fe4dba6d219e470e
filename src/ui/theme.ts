import { createContext, useContext } from 'react';
import type { Health } from '../model/view/row-health.js';

/** Colours, or none (`--no-color`, `NO_COLOR`). Chosen to read on dark and light backgrounds. */
export interface Theme {
  color: boolean;
}

/** The theme of the running app. */
export const ThemeContext = createContext<Theme>({ color: true });

/** The current theme. */
export function useTheme(): Theme {
  return useContext(ThemeContext);
}

const HEALTH_COLORS: Record<Health, string | undefined> = { error: 'red', warn: 'yellow', done: 'gray', ok: undefined };

/** The Ink colour of a health class, or undefined without colours. */
export function healthColor(theme: Theme, health: Health): string | undefined {
  return theme.color ? HEALTH_COLORS[health] : undefined;
}

/** An accent colour, or undefined without colours. */
export function accent(theme: Theme, name: 'cyan' | 'green' | 'red' | 'yellow' | 'magenta' | 'blue'): string | undefined {
  return theme.color ? name : undefined;
}
