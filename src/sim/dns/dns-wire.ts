/** The record types the simulated resolver answers. */
export const TYPES = { A: 1, CNAME: 5, AAAA: 28 } as const;

/** What the zone holds for one name. */
export interface ZoneEntry {
  A?: string[];
  AAAA?: string[];
  CNAME?: string;
}

/** A DNS question read from a query. */
export interface DnsQuestion {
  id: number;
  flags: number;
  name: string;
  type: number;
  /** The question section's bytes, echoed in the answer. */
  raw: Buffer;
}

/** Reads the first question of a DNS query (RFC 1035 §4.1); undefined when the packet is malformed. */
export function readQuestion(msg: Buffer): DnsQuestion | undefined {
  if (msg.length < 12 || msg.readUInt16BE(4) < 1) return undefined;
  const labels: string[] = [];
  let i = 12;
  while (i < msg.length) {
    const len = msg[i]!;
    if (len === 0) break;
    // A query's question is never compressed.
    if (len > 63 || i + 1 + len > msg.length) return undefined;
    labels.push(msg.subarray(i + 1, i + 1 + len).toString('latin1'));
    i += 1 + len;
  }
  if (i + 5 > msg.length) return undefined;
  return { id: msg.readUInt16BE(0), flags: msg.readUInt16BE(2), name: labels.join('.').toLowerCase(), type: msg.readUInt16BE(i + 1), raw: msg.subarray(12, i + 5) };
}

function encodeName(name: string): Buffer {
  const parts = name.split('.').filter(Boolean).map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l, 'latin1')]));
  return Buffer.concat([...parts, Buffer.from([0])]);
}

function ipv6Bytes(text: string): Buffer {
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  const out = Buffer.alloc(16);
  groups.forEach((g, k) => out.writeUInt16BE(parseInt(g || '0', 16), k * 2));
  return out;
}

function record(name: string, type: number, data: Buffer, ttl = 60): Buffer {
  const head = Buffer.alloc(10);
  head.writeUInt16BE(type, 0);
  head.writeUInt16BE(1, 2);
  head.writeUInt32BE(ttl, 4);
  head.writeUInt16BE(data.length, 8);
  return Buffer.concat([encodeName(name), head, data]);
}

/**
 * The answer to a question from a zone, as an authoritative server gives it: the CNAME chain
 * followed within the zone, then the records of the asked type; NXDOMAIN for a name the zone
 * lacks, an empty NOERROR (NODATA) for a name without that type.
 */
export function answer(q: DnsQuestion, zone: ReadonlyMap<string, ZoneEntry>): Buffer {
  const answers: Buffer[] = [];
  let name = q.name;
  let rcode = 0;
  for (let hops = 0; hops < 8; hops++) {
    const entry = zone.get(name);
    if (!entry) {
      if (hops === 0) rcode = 3;
      break;
    }
    if (entry.CNAME && q.type !== TYPES.CNAME) {
      answers.push(record(name, TYPES.CNAME, encodeName(entry.CNAME)));
      name = entry.CNAME;
      continue;
    }
    if (q.type === TYPES.CNAME && entry.CNAME) answers.push(record(name, TYPES.CNAME, encodeName(entry.CNAME)));
    if (q.type === TYPES.A) for (const a of entry.A ?? []) answers.push(record(name, TYPES.A, Buffer.from(a.split('.').map(Number))));
    if (q.type === TYPES.AAAA) for (const a of entry.AAAA ?? []) answers.push(record(name, TYPES.AAAA, ipv6Bytes(a)));
    break;
  }
  const head = Buffer.alloc(12);
  head.writeUInt16BE(q.id, 0);
  // QR, the query's opcode and RD, AA, RA, and the response code.
  head.writeUInt16BE(0x8000 | (q.flags & 0x7900) | 0x0400 | 0x0080 | rcode, 2);
  head.writeUInt16BE(1, 4);
  head.writeUInt16BE(answers.length, 6);
  return Buffer.concat([head, q.raw, ...answers]);
}
