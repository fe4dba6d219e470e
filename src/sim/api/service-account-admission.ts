import type { KubeObject } from '../../model/types.js';
import type { SimApi } from './api-server.js';
import { randomSuffix } from './api-server.js';

const TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The projected volume the ServiceAccount admission plugin gives a pod: token, cluster CA and namespace. */
function apiAccessVolume(name: string): Record<string, unknown> {
  return {
    name,
    projected: {
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
      defaultMode: 420,
    },
  };
}

/** Whether a pod gets the token mounted: the pod's choice first, then its ServiceAccount's. */
function automounts(api: SimApi, pod: KubeObject): boolean {
  const own = pod.spec?.automountServiceAccountToken;
  if (own !== undefined) return own !== false;
  const sa = api.store.get('serviceaccounts', pod.metadata?.namespace, pod.spec?.serviceAccountName ?? 'default');
  return sa?.automountServiceAccountToken !== false;
}

/** Mounts the `kube-api-access-<suffix>` volume in every container, as the ServiceAccount admission plugin does on create. */
export function mountServiceAccountToken(api: SimApi, pod: KubeObject): void {
  const spec = pod.spec;
  if (!spec || typeof spec !== 'object' || !automounts(api, pod)) return;
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].filter((c: unknown) => c && typeof c === 'object');
  // A container that mounts something at the token path already keeps its own.
  if (containers.some((c: any) => (c.volumeMounts ?? []).some((m: any) => m?.mountPath === TOKEN_PATH))) return;
  const name = `kube-api-access-${randomSuffix()}`;
  spec.volumes = [...(spec.volumes ?? []), apiAccessVolume(name)];
  for (const c of containers) c.volumeMounts = [...(c.volumeMounts ?? []), { name, readOnly: true, mountPath: TOKEN_PATH }];
}
