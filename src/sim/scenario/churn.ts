import type { SimApi } from '../api/api-server.js';
import type { SimClock, SimTimer } from '../clock.js';
import type { ChurnRollout } from './scenario-file.js';

/** Periodically rolls a Deployment to the next image in its list, as a person running `kubectl set image` would. */
export function startChurn(api: SimApi, clock: SimClock, rollouts: ChurnRollout[]): () => void {
  const timers: SimTimer[] = [];
  for (const r of rollouts) {
    const tick = () => {
      const deploy = api.registry.get('deployments.apps')!;
      const d = api.store.get('deployments.apps', r.namespace, r.deployment);
      if (d && r.images.length) {
        const current = (d.spec?.template?.spec?.containers ?? []).find((c: any) => c?.name === r.container)?.image;
        const next = r.images[(r.images.indexOf(current) + 1) % r.images.length];
        api.patch(deploy, r.namespace, r.deployment, 'application/strategic-merge-patch+json', {
          metadata: { annotations: { 'kubernetes.io/change-cause': `kdrill sim: set image ${r.container}=${next}` } },
          spec: { template: { spec: { containers: [{ name: r.container, image: next }] } } },
        });
      }
      timers.push(clock.after(r.everySeconds * 1000, tick));
    };
    timers.push(clock.after(r.everySeconds * 1000, tick));
  }
  return () => timers.forEach((t) => t.cancel());
}
