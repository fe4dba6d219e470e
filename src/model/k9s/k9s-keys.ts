// k9s names keys as tcell does (`Shift-D`, `Ctrl-L`, `Shift-1`); kdrill's binding table as `D`, `ctrl+l`, `!`.

// k9s's Shift-0..9 are the characters a US keyboard types with shift (internal/ui/key.go).
const SHIFT_DIGITS = ')!@#$%^&*(';
const NAMED: Record<string, string> = {
  '?': '?',
  '/': '/',
  space: ' ',
  enter: 'enter',
  tab: 'tab',
  esc: 'escape',
  backspace: 'backspace',
  backspace2: 'backspace',
  up: 'up',
  down: 'down',
  left: 'left',
  right: 'right',
  home: 'home',
  end: 'end',
  pgup: 'pageup',
  pgdn: 'pagedown',
};

/** The kdrill key name of a k9s shortCut, or undefined when kdrill cannot read that key (F1, Alt-X...). */
export function kdrillKey(shortCut: string): string | undefined {
  const s = shortCut.trim();
  if (/^[a-z0-9]$/.test(s)) return s;
  const shift = /^shift-(.)$/i.exec(s);
  if (shift) return /[a-z]/i.test(shift[1]) ? shift[1].toUpperCase() : /\d/.test(shift[1]) ? SHIFT_DIGITS[Number(shift[1])] : undefined;
  const ctrl = /^ctrl-([a-z])$/i.exec(s);
  if (ctrl) return `ctrl+${ctrl[1].toLowerCase()}`;
  return NAMED[s.toLowerCase()];
}
