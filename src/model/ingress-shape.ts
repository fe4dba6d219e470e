import type { KubeObject } from './types.js';

/** A backend port: by name or by number. */
export interface BackendPort {
  name?: string;
  number?: number;
}

/** Where an Ingress path sends traffic: a Service port, or another resource. */
export interface IngressBackend {
  service?: { name: string; port: BackendPort };
  resource?: { apiGroup?: string; kind?: string; name?: string };
}

/** One path of a rule, in the networking.k8s.io/v1 shape. */
export interface IngressPath {
  path: string;
  pathType: string;
  backend: IngressBackend;
}

/** An Ingress read into one shape, whichever API version it came from. */
export interface IngressShape {
  className?: string;
  /** The class came from the legacy `kubernetes.io/ingress.class` annotation (controllers match it by flag, not by IngressClass). */
  classFromAnnotation?: boolean;
  rules: { host: string; paths: IngressPath[] }[];
  defaultBackend?: IngressBackend;
  tls: { hosts: string[]; secretName?: string }[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);

/** Reads a backend in the v1 shape (service.name/port) or the legacy one (serviceName/servicePort). */
export function readBackend(b: any): IngressBackend | undefined {
  if (!b || typeof b !== 'object') return undefined;
  if (b.service && typeof b.service === 'object') {
    const p = b.service.port ?? {};
    const port: BackendPort = {};
    if (str(p.name)) port.name = p.name;
    if (typeof p.number === 'number') port.number = p.number;
    return { service: { name: String(b.service.name ?? ''), port } };
  }
  if (b.serviceName !== undefined) {
    const port = b.servicePort;
    const numeric = typeof port === 'number' || /^\d+$/.test(String(port ?? ''));
    return { service: { name: String(b.serviceName), port: numeric ? { number: Number(port) } : { name: String(port ?? '') } } };
  }
  if (b.resource && typeof b.resource === 'object') return { resource: { apiGroup: str(b.resource.apiGroup), kind: str(b.resource.kind), name: str(b.resource.name) } };
  return undefined;
}

/** Normalises an Ingress of networking.k8s.io/v1, v1beta1 or extensions/v1beta1. */
export function readIngress(ing: KubeObject): IngressShape {
  const spec = ing?.spec && typeof ing.spec === 'object' ? ing.spec : {};
  return {
    className: str(spec.ingressClassName) ?? str(ing?.metadata?.annotations?.['kubernetes.io/ingress.class']),
    classFromAnnotation: str(spec.ingressClassName) === undefined && str(ing?.metadata?.annotations?.['kubernetes.io/ingress.class']) !== undefined,
    rules: arr(spec.rules).map((r) => ({
      host: (str(r?.host) ?? '').toLowerCase(),
      paths: arr(r?.http?.paths).map((p) => ({
        path: str(p?.path) ?? '',
        pathType: str(p?.pathType) ?? 'ImplementationSpecific',
        backend: readBackend(p?.backend) ?? {},
      })),
    })),
    defaultBackend: readBackend(spec.defaultBackend ?? spec.backend),
    tls: arr(spec.tls).map((t) => ({ hosts: arr(t?.hosts).filter((h) => typeof h === 'string').map((h: string) => h.toLowerCase()), secretName: str(t?.secretName) })),
  };
}

/** Whether an Ingress host pattern serves a host: exact, or a `*.` wildcard covering exactly one label. */
export function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (!p) return true;
  if (!p.startsWith('*.')) return p === h;
  const suffix = p.slice(1);
  return h.endsWith(suffix) && !h.slice(0, -suffix.length).includes('.') && h.length > suffix.length;
}
