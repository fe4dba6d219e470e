// managedFields are the bulk of what a real API server sends for an object (each field manager's
// field set, about half a pod's bytes), and no cache keeps them: they are cut from a watch event's
// text before it is parsed, so they are never made into objects only to be thrown away.

const KEY = '"managedFields":';
const [QUOTE, BACKSLASH, COMMA, OPEN_BRACE, OPEN_BRACKET, CLOSE_BRACKET, CLOSE_BRACE] = ['"', '\\', ',', '{', '[', ']', '}'].map((c) => c.charCodeAt(0));

/** The index just past the JSON array or object starting at `from`, or -1 if it does not end. */
function pastValue(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Skip the string: a backslash escapes whatever follows it.
      for (i++; i < text.length && text.charCodeAt(i) !== QUOTE; i++) if (text.charCodeAt(i) === BACKSLASH) i++;
    } else if (c === OPEN_BRACKET || c === OPEN_BRACE) depth++;
    else if ((c === CLOSE_BRACKET || c === CLOSE_BRACE) && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * The JSON text without its `"managedFields":[...]` members. Only a member as the API server
 * writes it is cut (compact JSON: the key right after `{` or `,`, its value an array): in valid
 * JSON that quote can only open a key, never sit inside a string (there it is escaped). Anything
 * else is left as it is, for JSON.parse to read whole.
 */
export function withoutManagedFields(text: string): string {
  let at = text.indexOf(KEY);
  if (at < 0) return text;
  let out = '';
  let from = 0;
  while (at >= 0) {
    const before = text.charCodeAt(at - 1);
    const value = at + KEY.length;
    let next = value;
    if ((before === OPEN_BRACE || before === COMMA) && at - 1 >= from && text.charCodeAt(value) === OPEN_BRACKET) {
      const end = pastValue(text, value);
      if (end < 0) return text;
      const after = text.charCodeAt(end);
      // The member and one comma beside it: the one before it, or (first member) the one right after;
      // a first member with space before its comma (never the API server's) stays, or `{ ,` would be left.
      if (before === COMMA || after === COMMA || after === CLOSE_BRACE) {
        out += text.slice(from, before === COMMA ? at - 1 : at);
        from = before === OPEN_BRACE && after === COMMA ? end + 1 : end;
      }
      next = end;
    }
    at = text.indexOf(KEY, next);
  }
  return out + text.slice(from);
}
