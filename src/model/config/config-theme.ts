// The theme a config names: a built-in one (dark, light) and named colours over it.

/** Health classes of rows, as src/model/view/row-health.ts names them. */
export type HealthName = 'error' | 'warn' | 'done' | 'ok';

/** The accent colours the UI asks for by name, each mapped to a colour to draw. */
export type AccentName = 'cyan' | 'green' | 'red' | 'yellow' | 'magenta' | 'blue';

/** Every colour kdrill draws with (undefined: the terminal's own). */
export interface Palette {
  health: Record<HealthName, string | undefined>;
  /** The selected row: drawn in reverse video, in this colour when set. */
  selection: string | undefined;
  header: string | undefined;
  diff: { added: string | undefined; removed: string | undefined };
  accents: Record<AccentName, string | undefined>;
}

/** A theme as a config chooses it: a built-in base and colours over it. */
export interface ThemeChoice {
  base: 'dark' | 'light';
  health?: Partial<Record<HealthName, string>>;
  selection?: string;
  header?: string;
  diff?: { added?: string; removed?: string };
}

/** The built-in themes. `light` has no yellow or cyan (unreadable on white); both draw nothing under NO_COLOR. */
export const BUILT_IN_THEMES: Record<'dark' | 'light', Palette> = {
  dark: {
    health: { error: 'red', warn: 'yellow', done: 'gray', ok: undefined },
    selection: undefined,
    header: 'cyan',
    diff: { added: 'green', removed: 'red' },
    accents: { cyan: 'cyan', green: 'green', red: 'red', yellow: 'yellow', magenta: 'magenta', blue: 'blue' },
  },
  light: {
    health: { error: 'red', warn: 'magenta', done: 'gray', ok: undefined },
    selection: undefined,
    header: 'blue',
    diff: { added: 'green', removed: 'red' },
    accents: { cyan: 'blue', green: 'green', red: 'red', yellow: 'magenta', magenta: 'magenta', blue: 'blue' },
  },
};

const NAMED = new Set(['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white', 'gray', 'grey', 'blackBright', 'redBright', 'greenBright', 'yellowBright', 'blueBright', 'magentaBright', 'cyanBright', 'whiteBright']);

/** Whether a colour is one the terminal can be asked for: a name (red, blueBright) or #rrggbb. */
export function isColour(v: unknown): v is string {
  return typeof v === 'string' && (NAMED.has(v) || /^#[0-9a-fA-F]{6}$/.test(v));
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a config's `theme:` value; a string is the problem, as a phrase after "theme". */
export function themeOf(raw: unknown): ThemeChoice | string {
  if (raw === 'dark' || raw === 'light') return { base: raw };
  if (!isMap(raw)) return ` must be dark, light or a mapping (base, health, selection, header, diff), not ${JSON.stringify(raw)}`;
  const choice: ThemeChoice = { base: 'dark' };
  const colour = (key: string, v: unknown) => (isColour(v) ? undefined : `.${key} must be a colour name (red, blueBright...) or #rrggbb, not ${JSON.stringify(v)}`);
  for (const [key, v] of Object.entries(raw)) {
    if (key === 'base') {
      if (v !== 'dark' && v !== 'light') return `.base must be dark or light, not ${JSON.stringify(v)}`;
      choice.base = v;
    } else if (key === 'selection' || key === 'header') {
      const problem = colour(key, v);
      if (problem) return problem;
      choice[key] = v as string;
    } else if (key === 'health' || key === 'diff') {
      const names = key === 'health' ? ['error', 'warn', 'done', 'ok'] : ['added', 'removed'];
      if (!isMap(v)) return `.${key} must be a mapping of ${names.join(', ')} to colours`;
      for (const [name, c] of Object.entries(v)) {
        if (!names.includes(name)) return `.${key}.${name} is not one of ${names.join(', ')}`;
        const problem = colour(`${key}.${name}`, c);
        if (problem) return problem;
      }
      choice[key] = v as Record<string, string>;
    } else return `.${key} is not a theme setting (base, health, selection, header, diff)`;
  }
  return choice;
}

/** The palette a theme choice draws with. */
export function paletteOf(choice: ThemeChoice | undefined): Palette {
  const base = BUILT_IN_THEMES[choice?.base ?? 'dark'];
  if (!choice) return base;
  return {
    health: { ...base.health, ...choice.health },
    selection: choice.selection ?? base.selection,
    header: choice.header ?? base.header,
    diff: { ...base.diff, ...choice.diff },
    accents: base.accents,
  };
}
