import type { KubeObject } from '../../model/types.js';

const LEGACY = new Set(['extensions/v1beta1', 'networking.k8s.io/v1beta1']);

function backend(b: any): any {
  if (!b || typeof b !== 'object') return b;
  if (b.service || b.resource) return b;
  const port = b.servicePort;
  const asNumber = typeof port === 'number' || /^\d+$/.test(String(port ?? ''));
  return { service: { name: b.serviceName, port: asNumber ? { number: Number(port) } : { name: String(port) } } };
}

/** Whether an object is an Ingress in a pre-v1 API version. */
export function isLegacyIngress(obj: KubeObject): boolean {
  return obj.kind === 'Ingress' && LEGACY.has(String(obj.apiVersion));
}

/** Converts an extensions/v1beta1 or networking.k8s.io/v1beta1 Ingress to networking.k8s.io/v1, as the API server does. */
export function convertLegacyIngress(obj: KubeObject): KubeObject {
  const spec = { ...(obj.spec ?? {}) };
  if (spec.backend) {
    spec.defaultBackend = backend(spec.backend);
    delete spec.backend;
  }
  spec.rules = (Array.isArray(spec.rules) ? spec.rules : []).map((rule: any) => ({
    ...rule,
    ...(rule?.http
      ? {
          http: {
            ...rule.http,
            paths: (rule.http.paths ?? []).map((p: any) => ({ ...p, pathType: p?.pathType ?? 'ImplementationSpecific', backend: backend(p?.backend) })),
          },
        }
      : {}),
  }));
  return { ...obj, apiVersion: 'networking.k8s.io/v1', spec };
}
