/** A Kubernetes resource quantity as an exact number of thousandths (`100m` → 100n, `1Gi` → 1073741824000n). */
export interface Milli {
  milli: bigint;
  /** Written with binary suffixes (Ki, Mi...), which is how sums of it print. */
  binary: boolean;
}

const BINARY: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };
const DECIMAL: Record<string, bigint> = { '': 1n, k: 1000n, M: 1000n ** 2n, G: 1000n ** 3n, T: 1000n ** 4n, P: 1000n ** 5n, E: 1000n ** 6n };

/** Parses `250m`, `1.5`, `512Mi`, `2G` (undefined for anything else). */
export function parseQuantity(text: unknown): Milli | undefined {
  const m = /^([0-9]+)(?:\.([0-9]+))?(m|Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/.exec(String(text ?? '').trim());
  if (!m) return undefined;
  const [, whole, frac = '', suffix = ''] = m;
  const scale = 10n ** BigInt(frac.length);
  const digits = BigInt(whole + frac);
  if (suffix === 'm') return { milli: digits / scale, binary: false };
  const mult = BINARY[suffix] ?? DECIMAL[suffix];
  return { milli: (digits * mult * 1000n) / scale, binary: suffix in BINARY };
}

/** Formats as Kubernetes prints a quantity: the largest suffix that keeps it exact (`172Mi`, `250m`, `2`). */
export function formatQuantity(q: Milli): string {
  if (q.milli === 0n) return '0';
  if (q.milli % 1000n !== 0n) return `${q.milli}m`;
  const units = q.milli / 1000n;
  const table: [string, bigint][] = q.binary ? Object.entries(BINARY).reverse() : Object.entries(DECIMAL).filter(([s]) => s).reverse();
  for (const [suffix, mult] of table) if (units % mult === 0n && units >= mult) return `${units / mult}${suffix}`;
  return String(units);
}

/** Adds quantities; the sum prints in the first one's style (binary or decimal), as Quantity.Add keeps it. */
export function addQuantities(qs: readonly Milli[]): Milli {
  return { milli: qs.reduce((a, q) => a + q.milli, 0n), binary: qs[0]?.binary ?? false };
}

/** `part` as a whole percentage of `whole`, truncated as kubectl describe computes it. */
export function percentOf(part: Milli, whole: Milli | undefined): number {
  if (!whole || whole.milli === 0n) return 0;
  return Math.trunc((Number(part.milli) / Number(whole.milli)) * 100);
}
