/**
 * kubectl prints a Secret's and a ConfigMap's keys in Go's map order, which is random. These
 * blocks, and only these, are compared as sets: their exact lines (or, for a ConfigMap, their
 * exact `key:` / `----` / value blocks) sorted, everything else left as it is.
 */
export function unorderedBlocks(kind: string, text: string): string {
  const lines = text.split('\n');
  if (kind === 'Secret') {
    const start = lines.indexOf('====') + 1;
    const end = lines.findIndex((l, i) => i >= start && l === '');
    const stop = end < 0 ? lines.length : end;
    return [...lines.slice(0, start), ...lines.slice(start, stop).sort(), ...lines.slice(stop)].join('\n');
  }
  if (kind !== 'ConfigMap') return text;
  const start = lines.indexOf('====') + 1;
  const end = lines.indexOf('BinaryData');
  if (start === 0 || end < 0) return text;
  // A block is a key line, `----`, the value's lines and the blank line kubectl ends it with.
  const blocks: string[][] = [];
  lines.slice(start, end).forEach((l, i, all) => {
    if (all[i + 1] === '----' && l.endsWith(':')) blocks.push([l]);
    else if (blocks.length) blocks[blocks.length - 1].push(l);
    else blocks.push([l]);
  });
  return [...lines.slice(0, start), ...blocks.map((b) => b.join('\n')).sort(), ...lines.slice(end)].join('\n');
}
