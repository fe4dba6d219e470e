/**
 * `namespace/name` as one flat string, for keys of large Maps. A template literal makes a rope
 * (a cons string) once it is 13 characters or longer, and V8 compares a rope with another key
 * piece by piece on every lookup that reaches it; Array.join writes one buffer. Looking up 30,000
 * pods' usage by row key cost a third as much with flat keys (bench: first sort by CPU).
 */
export function flatKey(namespace: string, name: string): string {
  return [namespace, name].join('/');
}
