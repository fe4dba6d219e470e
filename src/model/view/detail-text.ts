import yaml from 'js-yaml';
import { text } from '../columns/read.js';
import { translateTimestampSince } from '../format/duration.js';
import { sanitize } from '../sanitize.js';
import type { KubeObject } from '../types.js';
import { LAST_APPLIED, lastAppliedWithoutValues, secretFields, type SecretValues } from './secret-text.js';

/** What the YAML pane shows beyond the default: managedFields, and a Secret's values. */
export interface YamlOptions {
  /** managedFields, and the last-applied-configuration annotation unfolded (a Secret's without its values). */
  managedFields?: boolean;
  /** A Secret's values: sizes unless asked (a key), never into logs. */
  secretValues?: SecretValues;
}

/** An object as YAML lines: managedFields hidden, Secret values shown as byte counts (unless asked), every line sanitised. */
export function yamlLines(obj: KubeObject, options: YamlOptions = {}): string[] {
  // apiVersion and kind first, as kubectl prints them: list items arrive without them and get them added last.
  const copy: KubeObject = { apiVersion: obj.apiVersion, kind: obj.kind, ...obj, metadata: { ...obj.metadata } };
  const applied = obj.metadata?.annotations?.[LAST_APPLIED];
  if (!options.managedFields) {
    delete copy.metadata!.managedFields;
    // The whole object again as JSON, on one line: folded to its size (m unfolds it with managedFields).
    if (applied) copy.metadata!.annotations = { ...obj.metadata!.annotations, [LAST_APPLIED]: `<${applied.length} bytes, folded: m shows it>` };
  } else if (applied && obj.kind === 'Secret') {
    copy.metadata!.annotations = { ...obj.metadata!.annotations, [LAST_APPLIED]: lastAppliedWithoutValues(text(applied)) };
  }
  if (obj.kind === 'Secret') {
    // Assigned in place: the fields keep the order the API gave them.
    for (const [field, value] of Object.entries(secretFields(obj, options.secretValues ?? 'sizes'))) {
      if (value) copy[field] = value;
      else delete copy[field];
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
export function eventLines(events: readonly KubeObject[], now: number, self?: KubeObject, unavailable?: string): string[] {
  if (!events.length) return [unavailable ? `events: ${unavailable}` : '<no events>'];
  return events.map((e) => {
    // Events of what the object owns say whose they are.
    const io = e.involvedObject ?? e.regarding ?? {};
    const whose = self && io.uid && io.uid !== self.metadata?.uid ? `${String(io.kind ?? '').toLowerCase()}/${io.name}: ` : '';
    // As kubectl reads them: a series (events.k8s.io-style reporting) counts and times itself; older events use count and timestamps.
    const count = Number(e.series ? e.series.count : (e.count ?? e.deprecatedCount ?? 1));
    const last = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.deprecatedLastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp;
    const first = e.eventTime ?? e.firstTimestamp ?? e.deprecatedFirstTimestamp ?? last;
    const age = count > 1 ? `${translateTimestampSince(last, now)} (x${count} over ${translateTimestampSince(first, now)})` : translateTimestampSince(last, now);
    const from = e.source?.component ?? e.reportingComponent ?? e.reportingController ?? '';
    return sanitize(`${String(e.type ?? '').padEnd(8)} ${String(e.reason ?? '').padEnd(16)} ${age.padEnd(12)} ${String(from).padEnd(17)} ${whose}${e.message ?? e.note ?? ''}`, true);
  });
}
