import yaml from 'js-yaml';
import { translateTimestampSince } from '../format/duration.js';
import { sanitize } from '../sanitize.js';
import type { KubeObject } from '../types.js';

/** An object as YAML lines: managedFields hidden, Secret values shown as byte counts, every line sanitised. */
export function yamlLines(obj: KubeObject): string[] {
  const copy: KubeObject = { ...obj, metadata: { ...obj.metadata } };
  delete copy.metadata!.managedFields;
  if (obj.kind === 'Secret') {
    for (const field of ['data', 'stringData'] as const) {
      const d = obj[field];
      if (d && typeof d === 'object') {
        copy[field] = Object.fromEntries(Object.entries(d).map(([k, v]) => [k, `<${field === 'data' ? Buffer.from(String(v), 'base64').length : String(v).length} bytes>`]));
      }
    }
  }
  let text: string;
  try {
    text = yaml.dump(copy, { lineWidth: -1, noRefs: true, sortKeys: false });
  } catch {
    text = JSON.stringify(copy, null, 2);
  }
  return text.replace(/\n$/, '').split('\n').map((l) => sanitize(l, true));
}

/** The events of an object as kubectl's describe lists them: type, reason, age, from, message. */
export function eventLines(events: readonly KubeObject[], now: number): string[] {
  if (!events.length) return ['<no events>'];
  return events.map((e) => {
    const count = Number(e.count ?? e.series?.count ?? 1);
    const last = e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp;
    const first = e.firstTimestamp ?? e.eventTime ?? last;
    const age = count > 1 ? `${translateTimestampSince(last, now)} (x${count} over ${translateTimestampSince(first, now)})` : translateTimestampSince(last, now);
    const from = e.source?.component ?? e.reportingComponent ?? e.reportingController ?? '';
    return sanitize(`${String(e.type ?? '').padEnd(8)} ${String(e.reason ?? '').padEnd(16)} ${age.padEnd(12)} ${String(from).padEnd(17)} ${e.message ?? e.note ?? ''}`, true);
  });
}
