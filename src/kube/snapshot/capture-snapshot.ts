import yaml from 'js-yaml';
import { redactObject, type RedactOptions } from '../../model/snapshot/snapshot-redact.js';
import { SNAPSHOT_MANIFEST, type IncludedKind, type SnapshotManifest, type UnreadableKind } from '../../model/snapshot/snapshot-manifest.js';
import type { KubeObject } from '../../model/types.js';
import { accessNote } from '../access-review.js';
import { ApiError } from '../api-error.js';
import { collectionPath, resourceId, type ApiResource, type Discovery } from '../discovery.js';
import type { ClusterInfo } from '../kubeconfig.js';
import type { KubeTransport } from '../transport.js';
import { isCustom, resolveKinds } from './snapshot-kinds.js';
import type { SnapshotSink } from './snapshot-sink.js';
import { captureLogs, type PodRef } from './capture-logs.js';

/** What to capture. */
export interface CaptureOptions {
  /** Namespaces to read; undefined: all of them (`-A`). */
  namespaces?: string[];
  /** Kinds as typed (`--kinds`); undefined: the default set. */
  kinds?: string[];
  /** Last lines per container (0: no logs). */
  logLines: number;
  sinceSeconds?: number;
  redact: RedactOptions;
  /** The namespace kinds refused across all namespaces are read in instead (the context's). */
  home: string;
  /** Called with a short line as the capture goes. */
  progress?: (line: string) => void;
  /** The capture time (default: the server's Date header, else now). */
  now?: number;
  /** Objects per list request, and so at most per file (default 500). */
  pageSize?: number;
}

const PAGE = 500;

/** The ApiError's message for the manifest, or rethrows what is not the server refusing. */
function why(e: unknown): string {
  if (e instanceof ApiError && (e.kind === 'forbidden' || e.kind === 'not-found' || e.kind === 'unauthorized' || e.kind === 'readonly')) return e.message;
  throw e;
}

/**
 * Captures a cluster into a sink: every object of the chosen kinds and namespaces, page by page
 * (each page goes to disk as it arrives: `objects/RESOURCE[-N].yaml`, a scenario directory the
 * simulator loads), redacted; the last log lines of each container; then `kdrill-snapshot.yaml`.
 * Sends only GET requests. What the user may not read is recorded with the server's reason.
 */
export async function captureSnapshot(transport: KubeTransport, discovery: Discovery, info: ClusterInfo, sink: SnapshotSink, opts: CaptureOptions): Promise<SnapshotManifest> {
  const progress = opts.progress ?? (() => {});
  let serverDate: number | undefined;
  const version = await transport.json<{ gitVersion?: string }>({ path: '/version', onHeaders: (h) => (serverDate = Date.parse(String(h.date))) }).catch(() => ({ gitVersion: 'unknown' }));
  // The server's clock, when it says (a local clock may be off): the time the objects' timestamps are reckoned against.
  const at = opts.now ?? (serverDate !== undefined && !Number.isNaN(serverDate) ? serverDate : Date.now());
  const capturedAt = new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const { resources, notServed, crds } = resolveKinds(discovery, opts.kinds);
  const included: IncludedKind[] = [];
  const unreadable: UnreadableKind[] = [];
  const refusedWide = new Set<string>();
  const pages = new Map<string, number>();
  const pods: PodRef[] = [];
  let total = 0;

  const writePage = async (r: ApiResource, items: KubeObject[]) => {
    const id = resourceId(r);
    const n = (pages.get(id) ?? 0) + 1;
    pages.set(id, n);
    const apiVersion = r.group ? `${r.group}/${r.version}` : r.version;
    const docs = items.map((o) => yaml.dump(redactObject({ ...{ apiVersion, kind: r.kind }, ...o, apiVersion, kind: r.kind }, opts.redact), { noRefs: true, lineWidth: -1, sortKeys: false }));
    await sink.write(`objects/${id}${n > 1 ? `-${n}` : ''}.yaml`, docs.map((d) => `---\n${d}`).join(''));
    if (id === 'pods') for (const p of items) pods.push(podRef(p));
    total += items.length;
    progress(`${total} objects (${id})`);
  };

  /** Lists one kind in one scope, page after page; false when refused. */
  const listScope = async (r: ApiResource, namespace: string | undefined, scope: string): Promise<boolean> => {
    let cont: string | undefined;
    let count = 0;
    try {
      do {
        const list = await transport.json<{ items?: KubeObject[]; metadata?: { continue?: string } }>({ path: collectionPath(r, namespace), query: { limit: opts.pageSize ?? PAGE, continue: cont } });
        const items = list.items ?? [];
        if (items.length) await writePage(r, items);
        count += items.length;
        cont = list.metadata?.continue || undefined;
      } while (cont);
    } catch (e) {
      unreadable.push({ resource: resourceId(r), scope, why: why(e), apiVersion: r.group ? `${r.group}/${r.version}` : r.version, kind: r.kind });
      return false;
    }
    included.push({ resource: resourceId(r), apiVersion: r.group ? `${r.group}/${r.version}` : r.version, kind: r.kind, scope, objects: count });
    return true;
  };

  for (const r of resources) {
    if (!r.verbs.includes('list')) continue;
    if (!r.namespaced) await listScope(r, undefined, 'cluster');
    else if (opts.namespaces) for (const ns of opts.namespaces) await listScope(r, ns, `namespace ${ns}`);
    else if (!(await listScope(r, undefined, 'all namespaces'))) {
      // Not allowed across all namespaces: the context's namespace instead, as the explorer does.
      refusedWide.add(resourceId(r));
      await listScope(r, opts.home, `namespace ${opts.home}`);
    }
  }
  await captureDefinitions(transport, discovery, resources, crds, writePage, unreadable, included);
  const logs = await captureLogs(transport, sink, pods, opts.logLines, opts.sinceSeconds, unreadable, progress);
  const unavailable = new Map(unreadable.filter((u) => u.scope !== 'cluster' || !refusedWide.has(u.resource)).map((u) => [u.resource, u.why] as const));
  const access = accessNote(refusedWide, [opts.home], new Map([...unavailable].filter(([id]) => !included.some((i) => i.resource === id))));
  const manifest: SnapshotManifest = {
    apiVersion: 'kdrill.dev/v1',
    kind: 'Snapshot',
    capturedAt,
    context: info.context,
    server: info.server,
    serverVersion: version.gitVersion ?? 'unknown',
    user: info.user,
    namespace: opts.home,
    namespaces: opts.namespaces ?? 'all',
    included,
    unreadable,
    notServed,
    ...(access ? { access } : {}),
    logs: { tailLines: opts.logLines, ...(opts.sinceSeconds ? { sinceSeconds: opts.sinceSeconds } : {}), containers: logs.containers, unavailable: logs.unavailable },
    redaction: {
      secrets: 'Secret data values are replaced by their length in bytes (keys kept); last-applied-configuration of Secrets dropped',
      env: opts.redact.env ? 'literal env values of pod specs and templates replaced (--redact-env)' : 'literal env values kept (they are in the specs the user can read; --redact-env replaces them)',
      credentials: 'kubeconfig tokens, passwords and keys are never written',
    },
  };
  await sink.write(SNAPSHOT_MANIFEST, yaml.dump(manifest, { noRefs: true, lineWidth: -1 }));
  return manifest;
}

/** The CustomResourceDefinitions of the custom kinds captured (all of them with `crds`), so that the snapshot serves those kinds. */
async function captureDefinitions(
  transport: KubeTransport,
  discovery: Discovery,
  resources: ApiResource[],
  all: boolean,
  writePage: (r: ApiResource, items: KubeObject[]) => Promise<void>,
  unreadable: UnreadableKind[],
  included: IncludedKind[],
): Promise<void> {
  const crd = discovery.get('customresourcedefinitions.apiextensions.k8s.io');
  const wanted = resources.filter((r) => isCustom(r) && included.some((i) => i.resource === resourceId(r)));
  if (!crd || (!all && !wanted.length)) return;
  const items: KubeObject[] = [];
  try {
    if (all) items.push(...((await transport.json<{ items?: KubeObject[] }>({ path: collectionPath(crd) })).items ?? []));
    else {
      for (const r of wanted) {
        try {
          items.push(await transport.json<KubeObject>({ path: `${collectionPath(crd)}/${encodeURIComponent(resourceId(r))}` }));
        } catch (e) {
          // An aggregated API's kind has no definition to find.
          if (!(e instanceof ApiError && e.kind === 'not-found')) throw e;
        }
      }
    }
  } catch (e) {
    unreadable.push({ resource: resourceId(crd), scope: 'cluster', why: why(e) });
    return;
  }
  if (items.length) await writePage(crd, items);
  included.push({ resource: resourceId(crd), apiVersion: `${crd.group}/${crd.version}`, kind: crd.kind, scope: 'cluster', objects: items.length });
}

function podRef(p: KubeObject): PodRef {
  const statuses = [...((p.status as any)?.initContainerStatuses ?? []), ...((p.status as any)?.containerStatuses ?? [])];
  const names = [...((p.spec as any)?.initContainers ?? []), ...((p.spec as any)?.containers ?? [])].map((c: any) => String(c?.name ?? ''));
  return {
    namespace: p.metadata?.namespace ?? '',
    name: p.metadata?.name ?? '',
    containers: names.map((name) => {
      const s = statuses.find((x: any) => x?.name === name);
      return { name, restarted: !!s?.lastState?.terminated };
    }),
  };
}
