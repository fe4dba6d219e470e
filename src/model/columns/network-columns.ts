/** Columns of networking kinds: services, endpoints, endpoint slices, ingresses, ingress classes, network policies. */
import type { ColumnSet } from './column.js';
import { ageColumn, nameColumn, NAME_DESCRIPTION, textColumn } from './common.js';
import { at, formatLabels, formatLabelSelector, int, isSet, list, listWithMore, nameOf, str } from './read.js';

/**
 * loadBalancerStatusStringer: sorted, de-duplicated IPs (else hostnames). The server prints its
 * Tables as wide output, so addresses are never clipped to kubectl's 16 narrow characters.
 */
function loadBalancerStatus(ingress: unknown): string {
  const result = new Set<string>();
  for (const entry of list(ingress)) {
    const ip = str(at(entry, 'ip'));
    const hostname = str(at(entry, 'hostname'));
    if (ip !== '') result.add(ip);
    else if (hostname !== '') result.add(hostname);
  }
  return [...result].sort().join(',');
}

function serviceExternalIP(o: unknown): string {
  const externalIPs = list(at(o, 'spec', 'externalIPs')).map(str);
  switch (at(o, 'spec', 'type')) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lbIps = loadBalancerStatus(at(o, 'status', 'loadBalancer', 'ingress'));
      if (externalIPs.length > 0) return [...(lbIps ? lbIps.split(',') : []), ...externalIPs].join(',');
      return lbIps || '<pending>';
    }
    case 'ExternalName':
      return str(at(o, 'spec', 'externalName'));
    default:
      return '<unknown>';
  }
}

function servicePorts(o: unknown): string {
  const ports = list(at(o, 'spec', 'ports')).map((p) => {
    // The API server defaults protocol to TCP.
    const protocol = str(at(p, 'protocol')) || 'TCP';
    const nodePort = int(at(p, 'nodePort'));
    const port = int(at(p, 'port'));
    return nodePort > 0 ? `${port}:${nodePort}/${protocol}` : `${port}/${protocol}`;
  });
  return ports.join(',') || '<none>';
}

/** NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE | wide: SELECTOR. */
export const serviceColumns: ColumnSet = [
  nameColumn,
  textColumn('TYPE', (o) => str(at(o, 'spec', 'type'))),
  // v1 → internal conversion fills clusterIPs from the legacy clusterIP field.
  textColumn('CLUSTER-IP', (o) => str(at(o, 'spec', 'clusterIPs', 0)) || str(at(o, 'spec', 'clusterIP')) || '<none>'),
  textColumn('EXTERNAL-IP', serviceExternalIP),
  textColumn('PORT(S)', servicePorts),
  ageColumn,
  textColumn('SELECTOR', (o) => formatLabels(at(o, 'spec', 'selector')), { priority: 1 }),
];

/** net.JoinHostPort: brackets IPv6 hosts. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** formatEndpoints: up to three "ip:port" (or bare IPs for port-less subsets), then "+ N more...". */
function formatEndpoints(o: unknown): string {
  const subsets = list(at(o, 'subsets'));
  if (subsets.length === 0) return '<none>';
  const items: string[] = [];
  for (const subset of subsets) {
    const addresses = list(at(subset, 'addresses')).map((a) => str(at(a, 'ip')));
    const ports = list(at(subset, 'ports'));
    if (ports.length === 0) items.push(...addresses);
    for (const port of ports) items.push(...addresses.map((ip) => joinHostPort(ip, int(at(port, 'port')))));
  }
  return listWithMore(items, items.length, 3, '');
}

/** NAME ENDPOINTS AGE. */
export const endpointsColumns: ColumnSet = [nameColumn, textColumn('ENDPOINTS', formatEndpoints), ageColumn];

function discoveryPorts(o: unknown): string {
  const items = list(at(o, 'ports')).map((p) => {
    const port = at(p, 'port');
    if (isSet(port)) return String(int(port));
    const name = at(p, 'name');
    return isSet(name) ? str(name) : '*';
  });
  return listWithMore(items, items.length, 3, '<unset>');
}

function discoveryEndpoints(o: unknown): string {
  const items = list(at(o, 'endpoints')).flatMap((e) => list(at(e, 'addresses')).map(str));
  return listWithMore(items, items.length, 3, '<unset>');
}

/** NAME ADDRESSTYPE PORTS ENDPOINTS AGE. */
export const endpointSliceColumns: ColumnSet = [
  nameColumn,
  textColumn('ADDRESSTYPE', (o) => str(at(o, 'addressType'))),
  textColumn('PORTS', discoveryPorts),
  textColumn('ENDPOINTS', discoveryEndpoints),
  ageColumn,
];

/** formatHosts: up to three rule hosts, "*" when none, "+ N more..." counting all rules. */
function ingressHosts(o: unknown): string {
  const rules = list(at(o, 'spec', 'rules'));
  const hosts: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (hosts.length === 3) more = true;
    const host = str(at(rule, 'host'));
    if (!more && host !== '') hosts.push(host);
  }
  if (hosts.length === 0) return '*';
  return more ? `${hosts.join(',')} + ${rules.length - 3} more...` : hosts.join(',');
}

/**
 * NAME CLASS HOSTS ADDRESS PORTS AGE. Hosts and ports only read spec.rules[].host
 * and spec.tls, which networking/v1 and the legacy extensions/v1beta1 and
 * networking/v1beta1 shapes share, so every version prints alike.
 */
export const ingressColumns: ColumnSet = [
  nameColumn,
  textColumn('CLASS', (o) => {
    const cls = at(o, 'spec', 'ingressClassName');
    return typeof cls === 'string' ? cls : '<none>';
  }, { description: 'The name of the IngressClass resource that should be used for additional configuration' }),
  textColumn('HOSTS', ingressHosts, {
    description: 'Hosts that incoming requests are matched against before the ingress rule',
  }),
  textColumn('ADDRESS', (o) => loadBalancerStatus(at(o, 'status', 'loadBalancer', 'ingress')), {
    description: 'Address is a list containing ingress points for the load-balancer',
  }),
  textColumn('PORTS', (o) => (list(at(o, 'spec', 'tls')).length !== 0 ? '80, 443' : '80'), {
    description: 'Ports of TLS configurations that open',
  }),
  ageColumn,
];

function ingressClassParameters(o: unknown): string {
  const params = at(o, 'spec', 'parameters');
  if (!isSet(params)) return '<none>';
  const group = at(params, 'apiGroup');
  const kind = str(at(params, 'kind')) + (typeof group === 'string' ? `.${group}` : '');
  return `${kind}/${str(at(params, 'name'))}`;
}

/** printIngressClass's name: " (default)" after the name of the cluster's default class. */
function ingressClassName(o: unknown): string {
  const isDefault = at(o, 'metadata', 'annotations', 'ingressclass.kubernetes.io/is-default-class') === 'true';
  return isDefault ? `${nameOf(o)} (default)` : nameOf(o);
}

/** NAME CONTROLLER PARAMETERS AGE; the default class is named "NAME (default)". */
export const ingressClassColumns: ColumnSet = [
  textColumn('NAME', ingressClassName, { description: NAME_DESCRIPTION }),
  textColumn('CONTROLLER', (o) => str(at(o, 'spec', 'controller')), {
    description: 'Controller that is responsible for handling this class',
  }),
  textColumn('PARAMETERS', ingressClassParameters, {
    description: 'A reference to a resource with additional parameters',
  }),
  ageColumn,
];

/** NAME POD-SELECTOR AGE. */
export const networkPolicyColumns: ColumnSet = [
  nameColumn,
  // FormatLabelSelector(&spec.podSelector): a missing podSelector is an empty one.
  textColumn('POD-SELECTOR', (o) => formatLabelSelector(at(o, 'spec', 'podSelector') ?? {})),
  ageColumn,
];
