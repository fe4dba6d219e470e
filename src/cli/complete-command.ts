// `kdrill __complete WORD...`: the candidates for the last word, one a line, for the shell scripts of
// `kdrill completion`. Contexts and namespaces come from the kubeconfig; kinds' names, namespaces and
// trace hosts from the live cluster by a fast path: one list with `limit`, a short timeout, and
// nothing at all on any failure (a completion never prints an error or hangs the shell).
import { loadKubeConfig } from '../kube/kubeconfig.js';
import { KubeTransport } from '../kube/transport.js';
import { parseWords, wantFor, type Parsed } from './complete-words.js';

const LIMIT = 500;
const KIND_PATHS: Record<string, (ns: string) => string> = {
  pod: (ns) => `/api/v1/namespaces/${ns}/pods`,
  service: (ns) => `/api/v1/namespaces/${ns}/services`,
  deployment: (ns) => `/apis/apps/v1/namespaces/${ns}/deployments`,
  statefulset: (ns) => `/apis/apps/v1/namespaces/${ns}/statefulsets`,
  daemonset: (ns) => `/apis/apps/v1/namespaces/${ns}/daemonsets`,
};
// kubectl's names for the kinds kdrill takes as KIND/NAME.
const KIND_NAMES: Record<string, string> = { po: 'pod', pods: 'pod', svc: 'service', services: 'service', deploy: 'deployment', deployments: 'deployment', sts: 'statefulset', statefulsets: 'statefulset', ds: 'daemonset', daemonsets: 'daemonset' };
const DEMO_CONTEXTS = ['kdrill-demo', 'kdrill-viewer'];

function kubeconfig(p: Parsed) {
  try {
    return loadKubeConfig({ kubeconfig: p.values['--kubeconfig'], context: p.values['--context'] });
  } catch {
    return undefined;
  }
}

/** One list from the live cluster, or nothing (no kubeconfig, no answer within the timeout, refused). */
async function live(p: Parsed, path: string, timeoutMs: number): Promise<Record<string, any>[]> {
  if (p.demo) return [];
  const kc = kubeconfig(p);
  if (!kc) return [];
  let transport: KubeTransport | undefined;
  try {
    transport = new KubeTransport(kc);
    transport.readonly = true;
    const list = await transport.json<{ items?: Record<string, any>[] }>({ path, query: { limit: LIMIT }, signal: AbortSignal.timeout(timeoutMs), idleTimeoutMs: timeoutMs });
    return list.items ?? [];
  } catch (e) {
    if (process.env.KDRILL_DEBUG) process.stderr.write(`kdrill __complete: ${path}: ${(e as Error).message}\n`);
    return [];
  } finally {
    transport?.destroy();
  }
}

const namespaceOf = (p: Parsed) => p.values['-n'] ?? p.values['--namespace'] ?? kubeconfig(p)?.getContextObject(kubeconfig(p)!.getCurrentContext())?.namespace ?? 'default';
const names = (items: Record<string, any>[]) => items.map((o) => String(o.metadata?.name ?? '')).filter(Boolean);

/** The candidates for the last of `words` (the words after `kdrill`), filtered by what is typed. */
export async function candidates(words: string[], timeoutMs = Number(process.env.KDRILL_COMPLETE_TIMEOUT_MS) || 1000): Promise<string[]> {
  const current = words.at(-1) ?? '';
  const p = parseWords(words.slice(0, -1));
  const want = wantFor(words);
  let out: string[] = [];
  if (want.type === 'words') out = want.words;
  else if (want.type === 'contexts') out = p.demo ? DEMO_CONTEXTS : (kubeconfig(p)?.getContexts().map((c) => c.name) ?? []);
  else if (want.type === 'namespaces') {
    const fromKubeconfig = kubeconfig(p)?.getContexts().flatMap((c) => (c.namespace ? [c.namespace] : [])) ?? [];
    out = [...fromKubeconfig, ...names(await live(p, '/api/v1/namespaces', timeoutMs))];
  } else if (want.type === 'hosts') {
    const ns = p.values['-n'] ?? p.values['--namespace'];
    const items = await live(p, ns ? `/apis/networking.k8s.io/v1/namespaces/${ns}/ingresses` : '/apis/networking.k8s.io/v1/ingresses', timeoutMs);
    out = items.flatMap((i) => ((i.spec?.rules ?? []) as { host?: string }[]).map((r) => r.host ?? '')).filter((h) => h && !h.includes('*'));
  } else if (want.type === 'objects') {
    const slash = current.indexOf('/');
    if (slash < 0) out = want.kinds.map((k) => `${k}/`);
    else {
      const typed = current.slice(0, slash);
      const kind = KIND_NAMES[typed.toLowerCase()] ?? typed.toLowerCase();
      if (want.kinds.includes(kind)) out = names(await live(p, KIND_PATHS[kind](namespaceOf(p)), timeoutMs)).map((n) => `${typed}/${n}`);
    }
  }
  return [...new Set(out)].filter((c) => c.startsWith(current)).sort();
}

/** Prints the candidates; always exits 0 (a completion is never an error). */
export async function completeCommand(words: string[]): Promise<number> {
  try {
    const found = await candidates(words);
    if (found.length) process.stdout.write(`${found.join('\n')}\n`);
  } catch {
    // Nothing to offer.
  }
  return 0;
}
