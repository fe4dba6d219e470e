/**
 * The one path by which text from the cluster reaches a terminal.
 *
 * Control characters and escape sequences are made visible instead of interpreted: a pod
 * that logs `ESC]52;...` (write the clipboard) or `ESC[2J` (clear the screen) shows
 * `^[]52;...` and `^[[2J`. C1 controls show as `<9b>`, bidirectional overrides (which can
 * disguise text) and bidi marks as `<U+202E>`, `<U+200F>`, and lone surrogates as U+FFFD.
 */

// C0 controls but tab/newline, DEL, C1 controls, bidi marks (ALM, LRM, RLM), line and paragraph
// separators, bidi embedding/override/isolate, lone surrogates.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const UNSAFE_WITH_NEWLINES = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function visible(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c === 0x7f) return '^?';
  if (c < 0x20) return '^' + String.fromCharCode(c + 64);
  if (c >= 0x80 && c <= 0x9f) return `<${c.toString(16)}>`;
  if (c >= 0xd800 && c <= 0xdfff) return '\ufffd';
  return `<U+${c.toString(16).toUpperCase()}>`;
}

/** A non-string value as text, never throwing (an object without a prototype has no toString). */
function printable(value: unknown): string {
  try {
    return String(value);
  } catch {
    return '<unprintable>';
  }
}

/** Makes cluster text safe to print; newlines and tabs are kept unless `singleLine`. */
export function sanitize(text: unknown, singleLine = false): string {
  const s = typeof text === 'string' ? text : text === undefined || text === null ? '' : printable(text);
  return s.replace(singleLine ? UNSAFE_WITH_NEWLINES : UNSAFE, visible).replace(singleLine ? /\t/g : /$^/g, ' ');
}

// What JSON.stringify leaves raw but a terminal would act on: DEL, C1 controls, bidi controls.
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON for a terminal or a pipe: every control character escaped as `\uXXXX`, so it parses back to the same value. */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
