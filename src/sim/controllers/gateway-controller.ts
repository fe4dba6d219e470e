import { attachment, parentRefSelects } from '../../model/gateway/attachment.js';
import { GATEWAY_GROUP, readListeners, readRoute, type ListenerShape, type ParentRefShape, type RouteShape } from '../../model/gateway/gateway-shape.js';
import { grantFor } from '../../model/gateway/reference-grant.js';
import { ROUTE_KIND_RESOURCES } from '../../model/indexes/gateway-index.js';
import type { KubeObject } from '../../model/types.js';
import { timestamp } from '../store.js';
import type { Controller, ControllerHost } from './runtime.js';

/** The GatewayClass the simulated gateway controller serves, and its controllerName. */
export const SIM_GATEWAY_CLASS = 'kdrill-gateway';
export const SIM_GATEWAY_CONTROLLER = 'kdrill.dev/gateway-controller';
/** The address the simulated gateway controller gives its Gateways. */
export const GATEWAY_ADDRESS = '172.18.255.210';

const G = (r: string) => `${r}.gateway.networking.k8s.io`;
const CLASSES = G('gatewayclasses');
const GATEWAYS = G('gateways');
const GRANTS = G('referencegrants');
const ROUTES = Object.entries(ROUTE_KIND_RESOURCES);
const ALL = 'all';

type Cond = { type: string; status: 'True' | 'False'; reason: string; message: string };

/**
 * The simulated gateway controller for GatewayClass `kdrill-gateway`: accepts the class and its
 * Gateways, gives them an address, and writes listener and route status as the spec asks
 * (attachedRoutes; Accepted with NotAllowedByListeners, NoMatchingListenerHostname,
 * NoMatchingParent; ResolvedRefs with RefNotPermitted, BackendNotFound, InvalidKind), live.
 * Everything is recomputed on any change: attachment depends on routes, Gateways, grants and namespaces at once.
 */
export class GatewayController implements Controller {
  readonly name = 'gateway-controller';
  readonly triggers = Object.fromEntries([CLASSES, GATEWAYS, GRANTS, ...ROUTES.map(([, r]) => r), 'services', 'secrets', 'namespaces'].map((r) => [r, () => [ALL]]));

  constructor(private readonly host: ControllerHost) {}

  private ours(gw: KubeObject | undefined): boolean {
    const cls = gw && this.host.store.get(CLASSES, undefined, String(gw.spec?.gatewayClassName));
    return !!cls && cls.spec?.controllerName === SIM_GATEWAY_CONTROLLER;
  }

  // Conditions keep their transition time while their status stays the same.
  private conditions(previous: unknown, next: Cond[], generation: number | undefined): Record<string, unknown>[] {
    const at = timestamp(this.host.clock.now());
    const prev = Array.isArray(previous) ? previous : [];
    return next.map((c) => {
      const p = prev.find((x: any) => x?.type === c.type);
      return { ...c, lastTransitionTime: p && p.status === c.status ? p.lastTransitionTime : at, observedGeneration: generation ?? 1 };
    });
  }

  reconcile(): void {
    const store = this.host.store;
    for (const cls of store.list(CLASSES).filter((c) => c.spec?.controllerName === SIM_GATEWAY_CONTROLLER)) {
      this.host.setStatus(CLASSES, cls, { conditions: this.conditions(cls.status?.conditions, [{ type: 'Accepted', status: 'True', reason: 'Accepted', message: 'Handled by the kdrill simulated gateway controller' }], cls.metadata?.generation) });
    }
    const labels = (ns: string) => store.get('namespaces', undefined, ns)?.metadata?.labels ?? {};
    const routes = ROUTES.flatMap(([, r]) => store.list(r).map((o) => ({ resource: r, obj: o, shape: readRoute(o) })));
    const attached = new Map<string, number>();
    for (const r of routes) {
      const parents = r.shape.parentRefs.map((ref) => this.parentStatus(r.obj, r.shape, ref, labels, attached)).filter((p): p is Record<string, unknown> => !!p);
      const others = (Array.isArray(r.obj.status?.parents) ? r.obj.status.parents : []).filter((p: any) => p?.controllerName !== SIM_GATEWAY_CONTROLLER);
      this.host.setStatus(r.resource, r.obj, { parents: [...others, ...parents] });
    }
    for (const gw of store.list(GATEWAYS).filter((g) => this.ours(g))) this.writeGateway(gw, attached);
  }

  private parentStatus(obj: KubeObject, shape: RouteShape, ref: ParentRefShape, labels: (ns: string) => Record<string, string>, attached: Map<string, number>): Record<string, unknown> | undefined {
    if (ref.group !== GATEWAY_GROUP || ref.kind !== 'Gateway') return undefined;
    const gw = this.host.store.get(GATEWAYS, ref.namespace, ref.name);
    // A parent that does not exist (or is another controller's) gets no entry from this controller.
    if (!gw || !this.ours(gw)) return undefined;
    const gwRef = { namespace: ref.namespace, name: ref.name };
    const selected = readListeners(gw).filter((l) => parentRefSelects(ref, gwRef, l));
    const reasons = selected.map((l) => ({ l, why: attachment(shape, ref.namespace, l, labels(shape.namespace)) }));
    const ok = reasons.filter((x) => !x.why);
    for (const { l } of ok) attached.set(`${ref.namespace}/${ref.name}/${l.name}`, (attached.get(`${ref.namespace}/${ref.name}/${l.name}`) ?? 0) + 1);
    const accepted: Cond = ok.length
      ? { type: 'Accepted', status: 'True', reason: 'Accepted', message: 'Route is accepted' }
      : selected.length === 0
        ? { type: 'Accepted', status: 'False', reason: 'NoMatchingParent', message: `No listener${ref.sectionName ? ` named ${ref.sectionName}` : ''}${ref.port ? ` on port ${ref.port}` : ''}` }
        : { type: 'Accepted', status: 'False', reason: reasons[0].why!.reason, message: reasons[0].why!.message };
    const raw = (Array.isArray(obj.spec?.parentRefs) ? obj.spec.parentRefs : []).find((p: any) => p?.name === ref.name && (p?.namespace ?? shape.namespace) === ref.namespace && p?.sectionName === ref.sectionName && p?.port === ref.port);
    const previous = (Array.isArray(obj.status?.parents) ? obj.status.parents : []).find((p: any) => p?.controllerName === SIM_GATEWAY_CONTROLLER && p?.parentRef?.name === ref.name && p?.parentRef?.sectionName === ref.sectionName);
    return { conditions: this.conditions(previous?.conditions, [accepted, this.resolvedRefs(shape)], obj.metadata?.generation), controllerName: SIM_GATEWAY_CONTROLLER, parentRef: { group: GATEWAY_GROUP, kind: 'Gateway', ...raw } };
  }

  private resolvedRefs(shape: RouteShape): Cond {
    for (const b of shape.rules.flatMap((r) => r.backendRefs)) {
      if (b.kind !== 'Service' || b.group) return { type: 'ResolvedRefs', status: 'False', reason: 'InvalidKind', message: `Unsupported backend kind ${b.kind}` };
      if (b.namespace !== shape.namespace && !grantFor(this.host.store.list(GRANTS, b.namespace), { group: GATEWAY_GROUP, kind: shape.kind, namespace: shape.namespace }, { group: '', kind: 'Service', namespace: b.namespace, name: b.name })) {
        return { type: 'ResolvedRefs', status: 'False', reason: 'RefNotPermitted', message: `Backend ref to Service ${b.namespace}/${b.name} not permitted by any ReferenceGrant` };
      }
      if (!this.host.store.get('services', b.namespace, b.name)) return { type: 'ResolvedRefs', status: 'False', reason: 'BackendNotFound', message: `Service "${b.name}" not found` };
    }
    return { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs', message: 'All references resolved' };
  }

  private listenerRefs(gw: KubeObject, l: ListenerShape): Cond {
    const ns = String(gw.metadata?.namespace);
    for (const c of l.certificateRefs) {
      const cns = c.namespace ?? ns;
      if (cns !== ns && !grantFor(this.host.store.list(GRANTS, cns), { group: GATEWAY_GROUP, kind: 'Gateway', namespace: ns }, { group: c.group, kind: c.kind, namespace: cns, name: c.name })) return { type: 'ResolvedRefs', status: 'False', reason: 'RefNotPermitted', message: `Certificate ref to Secret ${cns}/${c.name} not permitted by any ReferenceGrant` };
      if (!this.host.store.get('secrets', cns, c.name)) return { type: 'ResolvedRefs', status: 'False', reason: 'InvalidCertificateRef', message: `Secret ${cns}/${c.name} not found` };
    }
    return { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs', message: 'All references resolved' };
  }

  private writeGateway(gw: KubeObject, attached: Map<string, number>): void {
    const gen = gw.metadata?.generation;
    const listeners = readListeners(gw);
    const prevListeners: any[] = Array.isArray(gw.status?.listeners) ? gw.status.listeners : [];
    const status = {
      addresses: [{ type: 'IPAddress', value: GATEWAY_ADDRESS }],
      conditions: this.conditions(gw.status?.conditions, [
        { type: 'Accepted', status: 'True', reason: 'Accepted', message: 'Gateway is accepted' },
        { type: 'Programmed', status: 'True', reason: 'Programmed', message: 'Gateway is programmed; address assigned' },
      ], gen),
      listeners: listeners.map((l) => {
        const conflict = listeners.some((o) => o !== l && o.port === l.port && o.hostname === l.hostname);
        const refs = this.listenerRefs(gw, l);
        return {
          name: l.name,
          attachedRoutes: attached.get(`${gw.metadata?.namespace}/${gw.metadata?.name}/${l.name}`) ?? 0,
          supportedKinds: (l.protocol === 'TLS' ? ['TLSRoute'] : ['HTTPRoute', 'GRPCRoute']).map((kind) => ({ group: GATEWAY_GROUP, kind })),
          conditions: this.conditions(prevListeners.find((p) => p?.name === l.name)?.conditions, [
            { type: 'Accepted', status: 'True', reason: 'Accepted', message: 'Listener is accepted' },
            conflict ? { type: 'Programmed', status: 'False', reason: 'Invalid', message: 'Listener conflicts with another' } : refs.status === 'False' ? { type: 'Programmed', status: 'False', reason: 'Invalid', message: 'Listener has unresolved references' } : { type: 'Programmed', status: 'True', reason: 'Programmed', message: 'Listener is programmed' },
            refs,
            conflict ? { type: 'Conflicted', status: 'True', reason: 'HostnameConflict', message: `Another listener has port ${l.port} and hostname ${l.hostname || '*'}` } : { type: 'Conflicted', status: 'False', reason: 'NoConflicts', message: 'No conflicts' },
          ], gen),
        };
      }),
    };
    this.host.setStatus(GATEWAYS, gw, status);
  }
}
