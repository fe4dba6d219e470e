import { hostMatches, readIngress } from '../ingress-shape.js';
import type { KubeObject, ObjectChange } from '../types.js';
import { MultiIndex } from './multi-index.js';

/** The host patterns of an Ingress's rules (lowercased; `*.x` wildcards as written; '' for host-less rules). */
function hostKeys(ing: KubeObject): string[] {
  return [...new Set(readIngress(ing).rules.map((r) => r.host))];
}

function serviceKeys(ing: KubeObject): string[] {
  const ns = ing?.metadata?.namespace ?? '';
  const shape = readIngress(ing);
  const names = [shape.defaultBackend, ...shape.rules.flatMap((r) => r.paths.map((p) => p.backend))].map((b) => b?.service?.name).filter((n): n is string => !!n);
  return [...new Set(names)].map((n) => `${ns}/${n}`);
}

/** Ingresses by host (exact, `*.` wildcard and host-less rules, case-insensitive) and by backend Service. */
export class IngressIndex {
  private readonly byHost = new MultiIndex(hostKeys);
  private readonly byService = new MultiIndex(serviceKeys);

  /** Applies one change. */
  apply(change: ObjectChange): void {
    this.byHost.apply(change);
    this.byService.apply(change);
  }

  /** Every Ingress with a rule for `host`: exact rules, wildcards one label up, and rules without a host. */
  forHost(host: string): KubeObject[] {
    const h = host.toLowerCase();
    const dot = h.indexOf('.');
    const wildcard = dot >= 0 ? this.byHost.get(`*${h.slice(dot)}`).filter((i) => readIngress(i).rules.some((r) => hostMatches(r.host, h))) : [];
    const seen = new Set<KubeObject>();
    return [...this.byHost.get(h), ...wildcard, ...this.byHost.get('')].filter((i) => !seen.has(i) && !!seen.add(i));
  }

  /** The Ingresses whose paths or default backend name a Service. */
  forService(namespace: string, name: string): KubeObject[] {
    return this.byService.get(`${namespace}/${name}`);
  }

  /** The Ingresses with a rule for exactly this host pattern (as written, lowercased). */
  withPattern(pattern: string): KubeObject[] {
    return this.byHost.get(pattern.toLowerCase());
  }

  /** Every host pattern in use (for the hosts view and "did you mean"). */
  hosts(): string[] {
    return [...this.byHost.keys()].filter(Boolean);
  }
}
