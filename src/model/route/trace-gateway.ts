import { at, list, str } from '../columns/read.js';
import { condition, GATEWAY_GROUP, type ListenerShape } from '../gateway/gateway-shape.js';
import { grantFor } from '../gateway/reference-grant.js';
import type { ClusterIndexes } from '../indexes/cluster-indexes.js';
import type { KubeObject } from '../types.js';
import { worstOf, type Diagnostic, type RouteNode } from './route-types.js';

const CONDITIONS = ['Accepted', 'Programmed', 'ResolvedRefs', 'Conflicted'];

/** The conditions of a status entry that the trace reports, as `{type: {status, reason}}`. */
export function conditionFacts(conditions: unknown): Record<string, { status: string; reason: string }> {
  const out: Record<string, { status: string; reason: string }> = {};
  for (const t of CONDITIONS) {
    const c = condition(conditions, t);
    if (c) out[t] = { status: c.status, reason: c.reason };
  }
  return out;
}

const said = (c: { reason: string; message: string }) => `${c.reason}${c.message ? `: ${c.message}` : ''}`;

/** The Gateway's addresses from its status. */
export function gatewayAddresses(gw: KubeObject): string[] {
  return list(at(gw, 'status', 'addresses')).map((a) => str(at(a, 'value'))).filter(Boolean);
}

/** The Gateway hop: its class and controller, its conditions and addresses (listeners are added by the caller). */
export function gatewayNode(indexes: ClusterIndexes, gw: KubeObject, parentId: string): RouteNode {
  const ns = String(gw.metadata?.namespace ?? '');
  const name = String(gw.metadata?.name ?? '');
  const className = str(at(gw, 'spec', 'gatewayClassName'));
  const cls = indexes.gateway.classes.get(undefined, className);
  const controller = cls ? str(at(cls, 'spec', 'controllerName')) : undefined;
  const diagnostics: Diagnostic[] = [];
  if (!cls && !indexes.unavailable.has('gatewayclasses.gateway.networking.k8s.io')) diagnostics.push({ severity: 'error', code: 'gateway.class-missing', message: `GatewayClass "${className}" does not exist, so no controller serves this Gateway` });
  const classAccepted = cls ? condition(at(cls, 'status', 'conditions'), 'Accepted') : undefined;
  if (classAccepted?.status === 'False') diagnostics.push({ severity: 'error', code: 'gateway.class-not-accepted', message: `GatewayClass ${className} is not accepted by its controller (${said(classAccepted)})` });
  const conditions = at(gw, 'status', 'conditions');
  const accepted = condition(conditions, 'Accepted');
  const programmed = condition(conditions, 'Programmed');
  const addresses = gatewayAddresses(gw);
  if (!accepted && !programmed) {
    if (cls) diagnostics.push({ severity: 'warning', code: 'gateway.no-status', message: `no status: the controller ${controller || 'of its class'} has not taken this Gateway (yet)` });
  } else {
    if (accepted?.status === 'False') diagnostics.push({ severity: 'error', code: 'gateway.not-accepted', message: `not accepted (${said(accepted)})` });
    if (programmed?.status === 'False') diagnostics.push({ severity: 'error', code: 'gateway.not-programmed', message: `not programmed (${said(programmed)}): its listeners take no traffic` });
    if (addresses.length === 0 && accepted?.status !== 'False') diagnostics.push({ severity: 'warning', code: 'gateway.no-address', message: 'no address in its status: clients have nowhere to connect (yet)' });
  }
  return {
    type: 'gateway',
    id: `${parentId}/gw/${ns}/${name}`,
    label: `gateway ${ns}/${name}`,
    summary: [`class ${className || '<none>'}`, ...(controller ? [controller] : []), addresses.join(',') || '<no address>'],
    ref: { kind: 'Gateway', namespace: ns, name, uid: gw.metadata?.uid },
    object: gw,
    facts: { namespace: ns, name, class: className, controller, addresses, conditions: conditionFacts(conditions) },
    diagnostics,
    health: worstOf(diagnostics),
    children: [],
  };
}

function certificateNode(indexes: ClusterIndexes, gw: KubeObject, l: ListenerShape, parentId: string): RouteNode[] {
  const gwNs = String(gw.metadata?.namespace ?? '');
  if (l.protocol !== 'HTTPS' && l.protocol !== 'TLS') return [];
  if (l.tlsMode === 'Passthrough') return [];
  if (l.certificateRefs.length === 0) {
    const d: Diagnostic = { severity: 'error', code: 'listener.no-certificate', message: `${l.protocol} listener without certificateRefs: it cannot terminate TLS` };
    return [{ type: 'tls', id: `${parentId}/tls`, label: 'tls <no certificate>', summary: [], object: gw, facts: { certificateRefs: [] }, diagnostics: [d], health: 'error', children: [] }];
  }
  return l.certificateRefs.map((c) => {
    const ns = c.namespace ?? gwNs;
    const diagnostics: Diagnostic[] = [];
    let exists: boolean | null = null;
    let permitted = true;
    if (ns !== gwNs && !indexes.unavailable.has('referencegrants.gateway.networking.k8s.io')) {
      permitted = !!grantFor(indexes.gateway.grants.get(ns), { group: GATEWAY_GROUP, kind: 'Gateway', namespace: gwNs }, { group: c.group, kind: c.kind, namespace: ns, name: c.name });
      if (!permitted) diagnostics.push({ severity: 'error', code: 'listener.certificate-not-permitted', message: `certificate Secret ${ns}/${c.name} is in another namespace and no ReferenceGrant in ${ns} permits Gateways of ${gwNs} to use it` });
    }
    if (c.kind !== 'Secret' || c.group) diagnostics.push({ severity: 'info', code: 'listener.certificate-kind', message: `certificate reference to a ${c.kind} (${c.group || 'core'}): not checked` });
    else if (indexes.secrets.get(ns, c.name)) exists = true;
    else if (indexes.unavailable.has('secrets')) diagnostics.push({ severity: 'info', code: 'tls.secret-unknown', message: `cannot check Secret ${c.name}: ${indexes.unavailable.get('secrets')}` });
    else {
      exists = false;
      diagnostics.push({ severity: 'error', code: 'listener.certificate-missing', message: `TLS Secret ${ns}/${c.name} does not exist: the listener cannot serve TLS` });
    }
    return {
      type: 'tls' as const,
      id: `${parentId}/tls/${ns}/${c.name}`,
      label: `tls ${ns === gwNs ? '' : `${ns}/`}${c.name}`,
      summary: [exists === true ? 'secret found' : exists === false ? 'secret missing' : 'not checked', ...(permitted ? [] : ['not permitted'])],
      ref: { kind: c.kind, namespace: ns, name: c.name },
      object: gw,
      facts: { secretName: c.name, namespace: ns, secretExists: exists, permitted },
      diagnostics,
      health: worstOf(diagnostics),
      children: [],
    };
  });
}

/** The listener hop: hostname, port, protocol, status conditions and TLS certificates (routes are added by the caller). */
export function listenerNode(indexes: ClusterIndexes, gw: KubeObject, l: ListenerShape, parentId: string): RouteNode {
  const st = list(at(gw, 'status', 'listeners')).find((s) => str(at(s, 'name')) === l.name);
  const conditions = at(st, 'conditions');
  const diagnostics: Diagnostic[] = [];
  const c = (t: string) => condition(conditions, t);
  const conflicted = c('Conflicted');
  if (conflicted?.status === 'True') diagnostics.push({ severity: 'error', code: 'listener.conflicted', message: `conflicted (${said(conflicted)}): it takes no traffic` });
  for (const [t, code] of [['Accepted', 'listener.not-accepted'], ['Programmed', 'listener.not-programmed'], ['ResolvedRefs', 'listener.refs-unresolved']] as const) {
    const x = c(t);
    if (x?.status === 'False') diagnostics.push({ severity: 'error', code, message: `${t} is False (${said(x)})` });
  }
  const id = `${parentId}/listener/${l.name}`;
  const attached = st ? Number(at(st, 'attachedRoutes') ?? 0) : undefined;
  return {
    type: 'listener',
    id,
    label: `listener ${l.name} (${l.protocol} ${l.port} ${l.hostname || '*'})`,
    summary: attached === undefined ? ['no status'] : [`${attached} attached route${attached === 1 ? '' : 's'}`],
    ref: { kind: 'Gateway', namespace: String(gw.metadata?.namespace ?? ''), name: String(gw.metadata?.name ?? '') },
    object: gw,
    facts: { name: l.name, hostname: l.hostname || null, port: l.port, protocol: l.protocol, allowedRoutes: { from: l.from, kinds: l.kinds.map((k) => k.kind) }, attachedRoutes: attached ?? null, conditions: conditionFacts(conditions) },
    diagnostics,
    health: worstOf(diagnostics),
    children: certificateNode(indexes, gw, l, id),
  };
}
