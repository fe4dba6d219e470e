import type { ClusterIndexes } from '../indexes/cluster-indexes.js';
import { readParentRefs, readListeners } from '../gateway/gateway-shape.js';
import { hostMatches, readIngress } from '../ingress-shape.js';
import { fromMap, matches } from '../label-selector.js';
import { controllerOf } from '../owner-chain.js';
import type { KubeObject } from '../types.js';

/** How traffic reaches a cluster entry: published on an Ingress or Gateway, a Service's load balancer or external IP, a node port. */
export type EntryKind = 'ingress-status' | 'gateway-address' | 'load-balancer' | 'external-ip' | 'host-port' | 'node-port';

/** One address (and ports) where the cluster takes a host's traffic, and how. */
export interface EntryPoint {
  address: string;
  /** The ports it takes the host's traffic on. */
  ports: number[];
  kind: EntryKind;
  /** What it is, in words: `hostPort 80 of ingress-nginx/ingress-nginx-controller on node n1`. */
  via: string;
}

/**
 * Namespaces where ingress and gateway controllers usually run: kdrill reads controller pods and
 * Services only there, so that tracing one host never lists every pod of a large cluster.
 */
export const CONTROLLER_NAMESPACE = /ingress|gateway|nginx|traefik|contour|istio|envoy|kong|haproxy|^kube-system$/;

/** The namespaces (of those known) where controllers of a host's entries may run. */
export function controllerNamespaces(indexes: ClusterIndexes): string[] {
  return indexes.namespaces
    .list()
    .map((n) => String(n.metadata?.name ?? ''))
    .filter((n) => CONTROLLER_NAMESPACE.test(n));
}

const argsOf = (pod: KubeObject): string[] => (pod.spec?.containers ?? []).flatMap((c: any) => [...(c.command ?? []), ...(c.args ?? [])].map(String));
const flag = (args: string[], name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

/** Whether a pod is a controller for an IngressClass: by `--controller-class`, `--ingress-class`, or as ingress-nginx's image by default. */
export function servesIngressClass(pod: KubeObject, controller: string | undefined, className: string | undefined): boolean {
  const args = argsOf(pod);
  const cc = flag(args, 'controller-class');
  if (cc !== undefined) return cc === controller;
  const ic = flag(args, 'ingress-class');
  if (ic !== undefined && className) return ic === className;
  const nginx = (pod.spec?.containers ?? []).some((c: any) => /ingress-nginx\/controller/.test(String(c.image ?? '')));
  return nginx && (controller === undefined || controller === 'k8s.io/ingress-nginx');
}

/** A workload's name for a pod: its Deployment (from the ReplicaSet's name), DaemonSet or StatefulSet, else the pod. */
function workloadOf(pod: KubeObject): string {
  const owner = controllerOf(pod);
  const ns = pod.metadata?.namespace;
  if (!owner) return `${ns}/${pod.metadata?.name}`;
  const name = owner.kind === 'ReplicaSet' ? owner.name.replace(/-[a-z0-9]{6,10}$/, '') : owner.name;
  return `${ns}/${name}`;
}

const nodeAddresses = (node: KubeObject | undefined): string[] => (node?.status?.addresses ?? []).filter((a: any) => a?.type === 'InternalIP' || a?.type === 'ExternalIP').map((a: any) => String(a.address));

/** The entry points of controller pods: host ports on their nodes, and the Services that select them (load balancer, external IPs, node ports). */
function controllerEntries(indexes: ClusterIndexes, pods: KubeObject[]): EntryPoint[] {
  const out: EntryPoint[] = [];
  for (const pod of pods) {
    const node = String(pod.spec?.nodeName ?? '');
    const addresses = [...new Set([...(pod.status?.hostIP ? [String(pod.status.hostIP)] : []), ...nodeAddresses(indexes.nodes.get(undefined, node))])];
    for (const c of pod.spec?.containers ?? []) {
      for (const p of c.ports ?? []) {
        const hostPort = p.hostPort ?? (pod.spec?.hostNetwork ? p.containerPort : undefined);
        if (!hostPort) continue;
        for (const address of addresses) out.push({ address, ports: [hostPort], kind: 'host-port', via: `hostPort ${hostPort} of ${workloadOf(pod)} on node ${node}` });
      }
    }
  }
  const namespaces = [...new Set(pods.map((p) => String(p.metadata?.namespace ?? '')))];
  for (const ns of namespaces) {
    const here = pods.filter((p) => p.metadata?.namespace === ns);
    for (const svc of indexes.services.list(ns)) {
      const sel = fromMap(svc.spec?.selector);
      if (!sel || !here.some((p) => matches(sel, p.metadata?.labels))) continue;
      const name = `${ns}/${svc.metadata?.name}`;
      const ports: number[] = (svc.spec?.ports ?? []).map((p: any) => Number(p.port));
      for (const lb of svc.status?.loadBalancer?.ingress ?? []) {
        const address = lb.ip ?? lb.hostname;
        if (address) out.push({ address: String(address), ports, kind: 'load-balancer', via: `load balancer of Service ${name}` });
      }
      for (const ip of svc.spec?.externalIPs ?? []) out.push({ address: String(ip), ports, kind: 'external-ip', via: `external IP of Service ${name}` });
      const nodePorts: number[] = (svc.spec?.ports ?? []).map((p: any) => Number(p.nodePort)).filter((n: number) => n > 0);
      if (!nodePorts.length) continue;
      // With externalTrafficPolicy Local only nodes that run a controller pod take the traffic.
      const nodes = svc.spec?.externalTrafficPolicy === 'Local' ? [...new Set(here.filter((p) => matches(sel, p.metadata?.labels)).map((p) => String(p.spec?.nodeName ?? '')))].map((n) => indexes.nodes.get(undefined, n)) : indexes.nodes.list();
      for (const n of nodes) for (const address of nodeAddresses(n)) out.push({ address, ports: nodePorts, kind: 'node-port', via: `nodePort ${nodePorts.join(',')} of Service ${name} on node ${n?.metadata?.name}` });
    }
  }
  return out;
}

/**
 * Where the cluster takes a host's traffic: the addresses its Ingresses and Gateways publish,
 * and the entry points of the ingress controllers that serve its Ingresses (host ports on their
 * nodes, their Services' load balancers, external IPs and node ports). Controller pods and
 * Services are those the indexes hold (see controllerNamespaces).
 */
export function entryPoints(indexes: ClusterIndexes, host: string): EntryPoint[] {
  const out: EntryPoint[] = [];
  const ingresses = indexes.ingresses.forHost(host).filter((i) => readIngress(i).rules.some((r) => hostMatches(r.host, host)));
  for (const ing of ingresses) {
    for (const lb of ing.status?.loadBalancer?.ingress ?? []) {
      const address = lb.ip ?? lb.hostname;
      if (address) out.push({ address: String(address), ports: [80, 443], kind: 'ingress-status', via: `published by Ingress ${ing.metadata?.namespace}/${ing.metadata?.name}` });
    }
  }
  const classes = new Map<string, { controller?: string; className?: string }>();
  for (const ing of ingresses) {
    const className = readIngress(ing).className;
    const ic = className ? indexes.ingressClasses.get(undefined, className) : indexes.ingressClasses.list().find((c) => c.metadata?.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true');
    classes.set(`${className}|${ic?.spec?.controller}`, { controller: ic?.spec?.controller, className: className ?? ic?.metadata?.name });
  }
  const pods = indexes.pods.all().filter((p) => p.status?.phase === 'Running' && [...classes.values()].some((c) => servesIngressClass(p, c.controller, c.className)));
  out.push(...controllerEntries(indexes, pods));
  const gateways = new Set<string>();
  for (const route of indexes.gateway.claiming(host)) for (const ref of readParentRefs(route)) if (ref.kind === 'Gateway') gateways.add(`${ref.namespace}/${ref.name}`);
  for (const key of gateways) {
    const [ns, name] = key.split('/') as [string, string];
    const gw = indexes.gateway.gateways.get(ns, name);
    const ports = [...new Set(readListeners(gw ?? {}).map((l) => l.port))];
    for (const a of gw?.status?.addresses ?? []) if (a?.value) out.push({ address: String(a.value), ports, kind: 'gateway-address', via: `published by Gateway ${key}` });
  }
  return out;
}

/** The entry points at an address (and, when given, taking a port). */
export function entriesAt(entries: readonly EntryPoint[], address: string, port?: number): EntryPoint[] {
  const a = address.toLowerCase().replace(/^\[|\]$/g, '');
  return entries.filter((e) => e.address.toLowerCase().replace(/^\[|\]$/g, '') === a && (port === undefined || e.ports.includes(port)));
}

/**
 * Why the entry points kdrill found may be incomplete (it could not read namespaces, controller
 * pods, Services or nodes, or knows no namespace where a controller runs); undefined when it
 * read them all. Then an address that matches none proves nothing.
 */
export function entryBlindSpot(indexes: ClusterIndexes): string | undefined {
  for (const id of ['namespaces', 'pods', 'services', 'nodes']) {
    const why = indexes.unavailable.get(id);
    if (why) return `${id}: ${why}`;
  }
  return controllerNamespaces(indexes).length ? undefined : 'no namespace where an ingress controller runs is known';
}
