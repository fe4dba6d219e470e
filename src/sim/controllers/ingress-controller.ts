import { splitKey, wakeSelf, type Controller, type ControllerHost } from './runtime.js';

const INGRESS = 'ingresses.networking.k8s.io';
const CLASSES = 'ingressclasses.networking.k8s.io';
/** The address the simulated ingress controller publishes for the Ingresses it serves. */
export const INGRESS_ADDRESS = '172.18.255.200';

/** The simulated ingress controller: publishes its address on Ingresses of a class that exists. */
export class IngressController implements Controller {
  readonly name = 'ingress-nginx-controller';
  readonly triggers = { [INGRESS]: wakeSelf, [CLASSES]: () => this.host.store.list(INGRESS).map((i) => `${i.metadata?.namespace}/${i.metadata?.name}`) };

  constructor(private readonly host: ControllerHost) {}

  reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const ing = this.host.store.get(INGRESS, ns, name);
    if (!ing) return;
    const classes = this.host.store.list(CLASSES);
    const wanted = ing.spec?.ingressClassName ?? ing.metadata?.annotations?.['kubernetes.io/ingress.class'];
    const cls = wanted ? classes.find((c) => c.metadata?.name === wanted) : classes.find((c) => c.metadata?.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true');
    const served = !!cls;
    const status = { loadBalancer: served ? { ingress: [{ ip: INGRESS_ADDRESS }] } : {} };
    this.host.setStatus(INGRESS, ing, status);
  }
}
