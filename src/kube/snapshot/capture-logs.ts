import { logPath, type UnreadableKind } from '../../model/snapshot/snapshot-manifest.js';
import { ApiError } from '../api-error.js';
import type { KubeTransport } from '../transport.js';
import type { SnapshotSink } from './snapshot-sink.js';

/** What the log capture needs of a pod: where it is, its containers, and which restarted. */
export interface PodRef {
  namespace: string;
  name: string;
  containers: { name: string; restarted: boolean }[];
}

/**
 * Writes the last `lines` log lines of every container (with timestamps, so that the snapshot can
 * answer sinceTime), and of the previous instance where a container restarted. A container that
 * has no log (still waiting to start) is listed with the server's reason; a refusal to read logs
 * at all (pods/log forbidden) is recorded once per namespace, and that namespace's logs skipped.
 */
export async function captureLogs(
  transport: KubeTransport,
  sink: SnapshotSink,
  pods: PodRef[],
  lines: number,
  sinceSeconds: number | undefined,
  unreadable: UnreadableKind[],
  progress: (line: string) => void,
): Promise<{ containers: number; unavailable: { container: string; why: string }[] }> {
  const unavailable: { container: string; why: string }[] = [];
  let containers = 0;
  if (lines <= 0) return { containers, unavailable };
  const refused = new Set<string>();
  for (const pod of pods) {
    for (const c of pod.containers) {
      for (const previous of c.restarted ? [false, true] : [false]) {
        if (refused.has(pod.namespace)) continue;
        const path = `/api/v1/namespaces/${encodeURIComponent(pod.namespace)}/pods/${encodeURIComponent(pod.name)}/log`;
        let text = '';
        try {
          await transport.lines({ path, query: { container: c.name, tailLines: lines, timestamps: true, sinceSeconds, previous: previous || undefined }, keepEmptyLines: true }, (l) => (text += `${l}\n`));
        } catch (e) {
          if (e instanceof ApiError && e.kind === 'forbidden') {
            refused.add(pod.namespace);
            unreadable.push({ resource: 'pods/log', scope: `namespace ${pod.namespace}`, why: e.message });
            continue;
          }
          if (e instanceof ApiError && (e.status === 400 || e.kind === 'not-found')) {
            unavailable.push({ container: `${pod.namespace}/${pod.name}/${c.name}${previous ? ' (previous)' : ''}`, why: e.message });
            continue;
          }
          throw e;
        }
        await sink.write(logPath(pod.namespace, pod.name, c.name, previous), text);
        containers++;
        progress(`logs of ${containers} containers`);
      }
    }
  }
  return { containers, unavailable };
}
