import yaml from 'js-yaml';
import { text } from '../columns/read.js';
import { translateTimestampSince } from '../format/duration.js';
import { sanitize } from '../sanitize.js';
import type { KubeObject } from '../types.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** What the YAML pane shows beyond the default: managedFields, and a Secret's decoded values. */
export interface YamlOptions {
  /** managedFields, and the last-applied-configuration annotation unfolded. */
  managedFields?: boolean;
  /** Only on the user's request (a key), never by default, never into logs. */
  decodeSecrets?: boolean;
}

/** A Secret's data value decoded for reading: text as it is (sanitised later), binary as a byte count. */
function decoded(v: unknown): string {
  const buf = Buffer.from(text(v), 'base64');
  const utf8 = buf.toString('utf8');
  return utf8.includes('\ufffd') ? `<${buf.length} bytes of binary data>` : utf8;
}

/** An object as YAML lines: managedFields hidden, Secret values shown as byte counts (unless asked), every line sanitised. */
export function yamlLines(obj: KubeObject, options: YamlOptions = {}): string[] {
  const copy: KubeObject = { ...obj, metadata: { ...obj.metadata } };
  if (!options.managedFields) {
    delete copy.metadata!.managedFields;
    // The whole object again as JSON, on one line: folded to its size (m unfolds it with managedFields).
    const applied = obj.metadata?.annotations?.[LAST_APPLIED];
    if (applied) copy.metadata!.annotations = { ...obj.metadata!.annotations, [LAST_APPLIED]: `<${applied.length} bytes, folded: m shows it>` };
  }
  if (obj.kind === 'Secret' && options.decodeSecrets && obj.data && typeof obj.data === 'object') {
    copy.data = Object.fromEntries(Object.entries(obj.data).map(([k, v]) => [k, decoded(v)]));
  } else if (obj.kind === 'Secret') {
    for (const field of ['data', 'stringData'] as const) {
      const d = obj[field];
      if (d && typeof d === 'object') {
        copy[field] = Object.fromEntries(Object.entries(d).map(([k, v]) => [k, `<${field === 'data' ? Buffer.from(text(v), 'base64').length : text(v).length} bytes>`]));
      }
    }
  }
  let dumped: string;
  try {
    dumped = yaml.dump(copy, { lineWidth: -1, noRefs: true, sortKeys: false });
  } catch {
    dumped = JSON.stringify(copy, null, 2);
  }
  return dumped.replace(/\n$/, '').split('\n').map((l) => sanitize(l, true));
}

/** The events of an object as kubectl's describe lists them: type, reason, age, from, message. */
export function eventLines(events: readonly KubeObject[], now: number, self?: KubeObject): string[] {
  if (!events.length) return ['<no events>'];
  return events.map((e) => {
    // Events of what the object owns say whose they are.
    const io = e.involvedObject ?? e.regarding ?? {};
    const whose = self && io.uid && io.uid !== self.metadata?.uid ? `${String(io.kind ?? '').toLowerCase()}/${io.name}: ` : '';
    const count = Number(e.count ?? e.series?.count ?? 1);
    const last = e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp;
    const first = e.firstTimestamp ?? e.eventTime ?? last;
    const age = count > 1 ? `${translateTimestampSince(last, now)} (x${count} over ${translateTimestampSince(first, now)})` : translateTimestampSince(last, now);
    const from = e.source?.component ?? e.reportingComponent ?? e.reportingController ?? '';
    return sanitize(`${String(e.type ?? '').padEnd(8)} ${String(e.reason ?? '').padEnd(16)} ${age.padEnd(12)} ${String(from).padEnd(17)} ${whose}${e.message ?? e.note ?? ''}`, true);
  });
}
