import type { SimApi } from './api/api-server.js';
import { bootstrapPolicy } from './auth/bootstrap-policy.js';

const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** Creates what every cluster has: system namespaces, the `kubernetes` Service, the bootstrap RBAC policy, and nodes if the scenario has none. */
export function bootstrap(api: SimApi, withNodes: boolean): void {
  const r = (key: string) => api.registry.get(key)!;
  for (const name of SYSTEM_NAMESPACES) api.create(r('namespaces'), undefined, { metadata: { name } });
  bootstrapPolicy(api);
  api.create(r('services'), 'default', {
    metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
  });
  api.create(r('endpoints'), 'default', {
    metadata: { name: 'kubernetes', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: '10.0.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
  });
  if (!withNodes) return;
  ['sim-node-1', 'sim-node-2', 'sim-node-3'].forEach((name, i) =>
    api.create(r('nodes'), undefined, {
      metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'topology.kubernetes.io/zone': `zone-${'abc'[i]}` } },
      spec: {},
      status: { addresses: [{ type: 'InternalIP', address: `10.0.0.${11 + i}` }, { type: 'Hostname', address: name }] },
    }),
  );
}
