import { at, list, str } from '../columns/read.js';
import type { ClusterIndexes } from '../indexes/cluster-indexes.js';
import { hostMatches, type IngressShape } from '../ingress-shape.js';
import type { KubeObject } from '../types.js';
import { worstOf, type Diagnostic, type RouteNode } from './route-types.js';

const DEFAULT_CLASS = 'ingressclass.kubernetes.io/is-default-class';
const NGINX = 'nginx.ingress.kubernetes.io/';

/** The addresses an Ingress's controller published in its status (IPs or hostnames). */
export function ingressAddresses(ing: KubeObject): string[] {
  return list(at(ing, 'status', 'loadBalancer', 'ingress')).map((i) => str(at(i, 'ip')) || str(at(i, 'hostname'))).filter(Boolean);
}

/** The IngressClass an Ingress uses: the one it names, or the cluster's default. */
function classOf(indexes: ClusterIndexes, shape: IngressShape): { name?: string; controller?: string; diagnostics: Diagnostic[] } {
  const why = indexes.unavailable.get('ingressclasses.networking.k8s.io');
  if (shape.className) {
    const ic = indexes.ingressClasses.get(undefined, shape.className);
    if (ic) return { name: shape.className, controller: str(at(ic, 'spec', 'controller')) || undefined, diagnostics: [] };
    if (why) return { name: shape.className, diagnostics: [] };
    if (shape.classFromAnnotation) {
      return { name: shape.className, diagnostics: [{ severity: 'info', code: 'ingress.class-annotation', message: `class "${shape.className}" comes from the legacy kubernetes.io/ingress.class annotation: the controller started with that class serves it (no IngressClass object is needed)` }] };
    }
    return { name: shape.className, diagnostics: [{ severity: 'error', code: 'ingress.class-missing', message: `IngressClass "${shape.className}" does not exist, so no controller serves this Ingress` }] };
  }
  const def = indexes.ingressClasses.list().find((ic) => at(ic, 'metadata', 'annotations', DEFAULT_CLASS) === 'true');
  if (def) return { name: String(def.metadata?.name), controller: str(at(def, 'spec', 'controller')) || undefined, diagnostics: [{ severity: 'info', code: 'ingress.default-class', message: `no ingressClassName: the default IngressClass "${def.metadata?.name}" applies` }] };
  if (why) return { diagnostics: [] };
  return { diagnostics: [{ severity: 'warning', code: 'ingress.no-class', message: 'no ingressClassName and no default IngressClass: controllers may ignore this Ingress' }] };
}

function annotationDiagnostics(ing: KubeObject): Diagnostic[] {
  const a = ing.metadata?.annotations ?? {};
  const out: Diagnostic[] = [];
  if (a[`${NGINX}use-regex`] === 'true') out.push({ severity: 'info', code: 'ingress.use-regex', message: 'use-regex: ingress-nginx reads its paths as regular expressions' });
  if (a[`${NGINX}canary`] === 'true') {
    const how = [a[`${NGINX}canary-weight`] && `weight ${a[`${NGINX}canary-weight`]}%`, a[`${NGINX}canary-by-header`] && `header ${a[`${NGINX}canary-by-header`]}`, a[`${NGINX}canary-by-cookie`] && `cookie ${a[`${NGINX}canary-by-cookie`]}`].filter(Boolean);
    out.push({ severity: 'info', code: 'ingress.canary', message: `canary: takes part of the traffic of the main Ingress for this host${how.length ? ` (${how.join(', ')})` : ''}` });
  }
  if (a[`${NGINX}rewrite-target`]) out.push({ severity: 'info', code: 'ingress.rewrite', message: `rewrite-target: the path is rewritten to ${a[`${NGINX}rewrite-target`]} before it reaches the Service` });
  return out;
}

/** Whether an Ingress is an ingress-nginx canary (it may share host and path with the main one). */
export function isCanary(ing: KubeObject): boolean {
  return ing.metadata?.annotations?.[`${NGINX}canary`] === 'true';
}

/** The TLS node of an Ingress for a host: the certificate's Secret and whether it exists. */
export function tlsNode(indexes: ClusterIndexes, ing: KubeObject, shape: IngressShape, host: string, parentId: string): RouteNode | undefined {
  const tls = shape.tls.find((t) => t.hosts.some((h) => hostMatches(h, host)));
  if (!tls) return undefined;
  const ns = String(ing.metadata?.namespace ?? '');
  const diagnostics: Diagnostic[] = [];
  let exists: boolean | null = null;
  if (!tls.secretName) {
    diagnostics.push({ severity: 'info', code: 'tls.no-secret', message: 'TLS without a secretName: the controller serves its default certificate' });
  } else if (indexes.secrets.get(ns, tls.secretName)) {
    exists = true;
  } else if (indexes.unavailable.has('secrets')) {
    diagnostics.push({ severity: 'info', code: 'tls.secret-unknown', message: `cannot check Secret ${tls.secretName}: ${indexes.unavailable.get('secrets')}` });
  } else {
    exists = false;
    diagnostics.push({ severity: 'error', code: 'tls.secret-missing', message: `TLS Secret ${ns}/${tls.secretName} does not exist: clients get the controller's default (untrusted) certificate` });
  }
  return {
    type: 'tls',
    id: `${parentId}/tls`,
    label: `tls ${tls.secretName ?? '<default certificate>'}`,
    summary: [exists === true ? 'secret found' : exists === false ? 'secret missing' : 'not checked', tls.hosts.join(',')],
    ...(tls.secretName ? { ref: { kind: 'Secret', namespace: ns, name: tls.secretName } } : {}),
    // The Ingress stands in for its TLS section (a Secret's YAML is not shown without asking).
    object: ing,
    facts: { secretName: tls.secretName, hosts: tls.hosts, secretExists: exists },
    diagnostics,
    health: worstOf(diagnostics),
    children: [],
  };
}

/** The Ingress node itself (its paths are added by the caller): class, controller, address, annotations. */
export function ingressNode(indexes: ClusterIndexes, ing: KubeObject, shape: IngressShape, matchedHost: string, parentId: string): RouteNode {
  const ns = String(ing.metadata?.namespace ?? '');
  const name = String(ing.metadata?.name ?? '');
  const cls = classOf(indexes, shape);
  const addresses = ingressAddresses(ing);
  const diagnostics = [...cls.diagnostics, ...annotationDiagnostics(ing)];
  if (addresses.length === 0) diagnostics.push({ severity: 'warning', code: 'ingress.no-address', message: 'no address in its status: no ingress controller has admitted it (yet)' });
  return {
    type: 'ingress',
    id: `${parentId}/ing/${ns}/${name}`,
    label: `ingress ${ns}/${name}`,
    summary: [`class ${cls.name ?? '<none>'}`, ...(cls.controller ? [cls.controller] : []), addresses.join(',') || '<no address>', ...(matchedHost ? [`host ${matchedHost}`] : ['any host'])],
    ref: { kind: 'Ingress', namespace: ns, name, uid: ing.metadata?.uid },
    object: ing,
    facts: { namespace: ns, name, class: cls.name, controller: cls.controller, addresses, hostRule: matchedHost, canary: isCanary(ing) },
    diagnostics,
    health: worstOf(diagnostics),
    children: [],
  };
}
