import type { KubeObject } from '../../model/types.js';
import { timestamp } from '../store.js';
import { splitKey, wakeSelf, type Controller, type ControllerHost } from './runtime.js';

function hasType(list: unknown, type: string): boolean {
  return Array.isArray(list) && list.some((c) => c?.type === type);
}

/** Fills in what a kubelet reports about its node: conditions, addresses, capacity, node info. */
export class NodeController implements Controller {
  readonly name = 'node-lifecycle-controller';
  readonly triggers = { nodes: wakeSelf };
  private index = 0;

  constructor(private readonly host: ControllerHost) {}

  reconcile(key: string): void {
    const [, name] = splitKey(key);
    const node = this.host.store.get('nodes', undefined, name);
    if (!node) return;
    const at = timestamp(this.host.clock.now());
    const s: Record<string, any> = { ...(node.status ?? {}) };
    const cond = (type: string, status: string, reason: string, message: string) => ({ type, status, lastHeartbeatTime: at, lastTransitionTime: at, reason, message });
    if (!hasType(s.conditions, 'Ready')) {
      s.conditions = [
        ...(Array.isArray(s.conditions) ? s.conditions : []),
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ];
    }
    if (!hasType(s.addresses, 'InternalIP')) s.addresses = [{ type: 'InternalIP', address: `10.0.0.${10 + this.index++}` }, { type: 'Hostname', address: name }];
    s.capacity ??= { cpu: '4', 'ephemeral-storage': '102626232Ki', memory: '16384Mi', pods: '110' };
    s.allocatable ??= { ...s.capacity };
    s.nodeInfo = {
      architecture: 'amd64',
      bootID: node.metadata!.uid,
      containerRuntimeVersion: 'containerd://1.7.13',
      kernelVersion: '6.1.0-18-amd64',
      kubeProxyVersion: 'v1.31.0',
      kubeletVersion: 'v1.31.0',
      machineID: node.metadata!.uid!.replace(/-/g, ''),
      operatingSystem: 'linux',
      osImage: 'Debian GNU/Linux 12 (bookworm)',
      systemUUID: node.metadata!.uid,
      ...(s.nodeInfo ?? {}),
    };
    s.daemonEndpoints ??= { kubeletEndpoint: { Port: 10250 } };
    const next: KubeObject = { ...node, status: s };
    if (!node.spec?.podCIDR) next.spec = { ...node.spec, podCIDR: `10.244.${this.host.store.list('nodes').findIndex((n) => n.metadata?.name === name)}.0/24` };
    this.host.update('nodes', next);
  }
}
