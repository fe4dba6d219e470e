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
  // A block is a key line, `----` and the value's lines; blank lines separate blocks and end the section.
  const region = lines.slice(start, end);
  let trailing = 0;
  while (trailing < region.length && region[region.length - 1 - trailing] === '') trailing++;
  const blocks: string[][] = [];
  region.slice(0, region.length - trailing).forEach((l, i, all) => {
    if (all[i + 1] === '----' && l.endsWith(':') && (i === 0 || all[i - 1] === '')) blocks.push([l]);
    else if (blocks.length) blocks[blocks.length - 1].push(l);
    else blocks.push([l]);
  });
  const sorted = blocks.map((b) => (b.at(-1) === '' ? b.slice(0, -1) : b).join('\n')).sort();
  return [...lines.slice(0, start), sorted.join('\n\n'), ...new Array<string>(trailing).fill(''), ...lines.slice(end)].join('\n');
}
