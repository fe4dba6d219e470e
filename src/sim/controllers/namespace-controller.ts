import { splitKey, wakeSelf, type Controller, type ControllerHost } from './runtime.js';

/** Gives new namespaces their default ServiceAccount and root CA, and empties terminating ones. */
export class NamespaceController implements Controller {
  readonly name = 'namespace-controller';
  readonly triggers = { namespaces: wakeSelf };

  constructor(private readonly host: ControllerHost) {}

  reconcile(key: string): void {
    const [, name] = splitKey(key);
    const ns = this.host.store.get('namespaces', undefined, name);
    if (!ns) return;
    if (!ns.metadata?.deletionTimestamp) {
      if (!this.host.store.get('serviceaccounts', name, 'default')) {
        this.host.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } });
      }
      if (!this.host.store.get('configmaps', name, 'kube-root-ca.crt')) {
        this.host.create('configmaps', {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'kube-root-ca.crt', namespace: name, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } },
          data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\nkdrill-simulated-cluster-ca\n-----END CERTIFICATE-----\n' },
        });
      }
      return;
    }
    let left = 0;
    for (const r of this.host.api.registry.all()) {
      if (!r.namespaced) continue;
      for (const obj of this.host.store.list(r.group ? `${r.resource}.${r.group}` : r.resource, name)) {
        left++;
        this.host.delete(r.group ? `${r.resource}.${r.group}` : r.resource, obj, 0);
      }
    }
    if (left === 0) this.host.store.remove('namespaces', undefined, name);
    else this.host.wakeAfter(this, key, 500);
  }
}
