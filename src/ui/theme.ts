import { createContext, useContext } from 'react';
import { BUILT_IN_THEMES, type AccentName, type Palette } from '../model/config/config-theme.js';
import type { Health } from '../model/view/row-health.js';

/** Colours, or none (`--no-color`, `NO_COLOR`), and the palette drawn with (built-in dark unless the config names another). */
export interface Theme {
  color: boolean;
  palette?: Palette;
}

/** The theme of the running app. */
export const ThemeContext = createContext<Theme>({ color: true });

/** The current theme. */
export function useTheme(): Theme {
  return useContext(ThemeContext);
}

const paletteOf = (theme: Theme): Palette => theme.palette ?? BUILT_IN_THEMES.dark;

/** The Ink colour of a health class, or undefined without colours. */
export function healthColor(theme: Theme, health: Health): string | undefined {
  return theme.color ? paletteOf(theme).health[health] : undefined;
}

/** An accent colour (as the theme maps it: the light theme draws no cyan or yellow), or undefined without colours. */
export function accent(theme: Theme, name: AccentName): string | undefined {
  return theme.color ? paletteOf(theme).accents[name] : undefined;
}

/** The colour of the header's title, or undefined. */
export function headerColor(theme: Theme): string | undefined {
  return theme.color ? paletteOf(theme).header : undefined;
}

/** The colour of the selected row (drawn in reverse video either way), or undefined. */
export function selectionColor(theme: Theme): string | undefined {
  return theme.color ? paletteOf(theme).selection : undefined;
}

/** The colour of an added or removed line of a diff, or undefined. */
export function diffColor(theme: Theme, side: 'added' | 'removed'): string | undefined {
  return theme.color ? paletteOf(theme).diff[side] : undefined;
}
