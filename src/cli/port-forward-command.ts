import type { ClusterSession } from '../kube/cluster-session.js';
import { clusterInfo } from '../kube/kubeconfig.js';
import { PodConnector } from '../kube/pod-connect.js';
import { portForwards, type ForwardResolver } from '../kube/port-forwards.js';
import { containerPorts, pickReadyPod, targetPortOn } from '../model/port-forward-target.js';
import { sanitize } from '../model/sanitize.js';
import type { KubeObject } from '../model/types.js';
import { CliError, UsageError } from '../errors.js';
import { openCommandTarget, TARGET_OPTIONS } from './cluster-target.js';
import { PORT_FORWARD_HELP } from './help.js';
import { parse } from './parse.js';

const HINT = "run 'kdrill port-forward --help' for usage";
const TYPES: Record<string, 'pod' | 'service' | 'deployment'> = { pod: 'pod', pods: 'pod', po: 'pod', service: 'service', services: 'service', svc: 'service', deployment: 'deployment', deployments: 'deployment', deploy: 'deployment' };

/** Reads kubectl's `[LOCAL:]REMOTE` (`8080:80`, `80`, `:80`, `8080:http`). */
export function parsePortSpec(spec: string): { local: number; remote: string } {
  const m = /^(?:(\d*):)?([\w-]+)$/.exec(spec);
  if (!m) throw new UsageError(`invalid port "${spec}": [LOCAL:]REMOTE, e.g. 8080:80`, HINT);
  const remote = m[2];
  const local = m[1] === undefined ? (/^\d+$/.test(remote) ? Number(remote) : NaN) : m[1] === '' ? 0 : Number(m[1]);
  if (Number.isNaN(local) || local > 65535) throw new UsageError(`invalid port "${spec}": a named remote port needs a local port (LOCAL:NAME)`, HINT);
  return { local, remote };
}

async function get(session: ClusterSession, path: string): Promise<KubeObject | undefined> {
  try {
    return await session.transport.json<KubeObject>({ path });
  } catch (e) {
    if ((e as { status?: number }).status === 404) return undefined;
    throw e;
  }
}

/** The pods a selector picks, for a Service or Deployment forward. */
async function podsFor(session: ClusterSession, ns: string, selector: Record<string, string>): Promise<KubeObject[]> {
  const labelSelector = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',');
  const list = await session.transport.json<{ items?: KubeObject[] }>({ path: `/api/v1/namespaces/${encodeURIComponent(ns)}/pods?labelSelector=${encodeURIComponent(labelSelector)}` });
  return list.items ?? [];
}

/** What each connection of `TYPE/NAME`'s forward of `remote` resolves to, asked again for every connection. */
function resolver(session: ClusterSession, ns: string, type: 'pod' | 'service' | 'deployment', name: string, remote: string, say: (line: string) => void): ForwardResolver {
  let current: string | undefined;
  const portOf = (pod: KubeObject) => (/^\d+$/.test(remote) ? Number(remote) : containerPorts(pod).find((p) => p.name === remote)?.port);
  return async () => {
    if (type === 'pod') {
      const pod = await get(session, `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(name)}`);
      if (!pod) return { gone: `pods "${name}" not found (the pod is gone)` };
      if (pod.status?.phase !== 'Running') return { gone: `pod ${name} is ${pod.status?.phase ?? 'Pending'}` };
      const port = portOf(pod);
      return port ? { pod: name, port } : { gone: `pod ${name} has no port named ${remote}` };
    }
    const owner = await get(session, type === 'service' ? `/api/v1/namespaces/${encodeURIComponent(ns)}/services/${encodeURIComponent(name)}` : `/apis/apps/v1/namespaces/${encodeURIComponent(ns)}/deployments/${encodeURIComponent(name)}`);
    if (!owner) return { gone: `${type} ${name} is gone` };
    const selector = type === 'service' ? owner.spec?.selector : owner.spec?.selector?.matchLabels;
    const pod = selector ? pickReadyPod(await podsFor(session, ns, selector), current) : undefined;
    if (!pod) return { gone: `${type} ${name} has no ready pod` };
    const podName = String(pod.metadata?.name);
    const port = type === 'service' && /^\d+$/.test(remote) ? targetPortOn(owner, Number(remote), pod) : portOf(pod);
    if (!port) return { gone: `${type} ${name} has no port ${remote}` };
    if (podName !== current) say(current ? `pod ${current} went away: forwarding to pod ${podName}` : `Forwarding to pod ${podName} of ${type} ${name}`);
    current = podName;
    return { pod: podName, port };
  };
}

/** `kdrill port-forward TYPE/NAME [LOCAL:]REMOTE...`: as kubectl's, until interrupted. */
export async function portForwardCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse('port-forward', args, { ...TARGET_OPTIONS, namespace: { type: 'string', short: 'n' }, address: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, true);
  if (values.help) {
    process.stdout.write(PORT_FORWARD_HELP);
    return 0;
  }
  const [what, ...specs] = positionals;
  const [typeWord, name] = what?.includes('/') ? what.split('/', 2) : ['pod', what];
  const type = TYPES[(typeWord ?? '').toLowerCase()];
  if (!what || !name || !type) throw new UsageError('kdrill port-forward needs TYPE/NAME (pod, service or deployment) and at least one [LOCAL:]REMOTE port', HINT);
  if (!specs.length) throw new UsageError('at least one port is needed: [LOCAL:]REMOTE, e.g. 8080:80', HINT);
  const ports = specs.map(parsePortSpec);
  const address = values.address ?? '127.0.0.1';
  const target = await openCommandTarget(values, 30_000);
  const connector = new PodConnector(target.kc, false);
  const say = (line: string) => process.stdout.write(`${sanitize(line, true)}\n`);
  try {
    const ns = values.namespace ?? (target.demo ? 'shop' : clusterInfo(target.kc).namespace);
    for (const p of ports) {
      const resolve = resolver(target.session, ns, type, name, p.remote, say);
      // As kubectl, the target is checked before listening: a missing pod or port fails at once.
      const first = await resolve();
      if ('gone' in first) throw new CliError(`error: ${first.gone}`, 1);
      let local = p.local;
      const f = await portForwards.start(connector, { context: target.session.info.context, namespace: ns, target: `${type}/${name}`, remote: p.remote, address, localPort: p.local, via: first.pod }, resolve, () => say(`Handling connection for ${local}`));
      local = f.localPort;
      say(`Forwarding from ${address}:${f.localPort} -> ${first.port}`);
    }
    await new Promise<void>((done) => {
      for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(s, () => done());
    });
    return 0;
  } finally {
    portForwards.stopAll();
    await target.close();
  }
}
