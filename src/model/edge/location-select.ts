import type { EdgeLocation } from './edge-types.js';

/** How a location was chosen: exact `=`, longest prefix (`^~` or plain), or regex. */
export type LocationMatch = 'exact' | 'prefix' | 'prefix-stop' | 'regex';

/** The location nginx gives a path to, and how it was chosen. */
export interface LocationChoice {
  location: EdgeLocation;
  match: LocationMatch;
}

/** Whether a regex location's pattern matches a path (`~` case-sensitive, `~*` not); false when the pattern cannot be read. */
export function locationRegexMatches(loc: EdgeLocation, path: string): boolean {
  try {
    return new RegExp(loc.pattern.replace(/\(\?P</g, '(?<'), loc.modifier === '~*' ? 'i' : '').test(path);
  } catch {
    return false;
  }
}

/**
 * The location nginx picks for a request path
 * (https://nginx.org/en/docs/http/ngx_http_core_module.html#location): an exact `=` match stops
 * the search; otherwise the longest matching prefix is remembered, and if it is `^~` the search
 * stops; then the locations nested in it, then the regexes (`~`, `~*`) in configuration order,
 * first match wins; otherwise the remembered prefix. Undefined when nothing matches.
 */
export function selectLocation(locations: readonly EdgeLocation[], path: string): LocationChoice | undefined {
  const usable = locations.filter((l) => !l.named);
  const exact = usable.find((l) => l.modifier === '=' && l.pattern === path);
  if (exact) return { location: exact, match: 'exact' };
  const prefix = usable
    .filter((l) => (l.modifier === '' || l.modifier === '^~') && path.startsWith(l.pattern))
    .sort((a, b) => b.pattern.length - a.pattern.length)[0];
  if (prefix?.modifier === '^~') return { location: prefix, match: 'prefix-stop' };
  if (prefix && prefix.locations.length) {
    const inner = selectLocation(prefix.locations, path);
    if (inner && inner.match !== 'prefix') return inner;
    if (inner) {
      const regex = usable.find((l) => (l.modifier === '~' || l.modifier === '~*') && locationRegexMatches(l, path));
      return regex ? { location: regex, match: 'regex' } : inner;
    }
  }
  const regex = usable.find((l) => (l.modifier === '~' || l.modifier === '~*') && locationRegexMatches(l, path));
  if (regex) return { location: regex, match: 'regex' };
  return prefix ? { location: prefix, match: 'prefix' } : undefined;
}
