import { runProbes } from '../../kube/route-probe.js';
import { DEFAULT_PROBE, planProbes } from '../../model/probe/probe-plan.js';
import { probeSummary } from '../../model/probe/probe-text.js';
import { applyProbes } from '../../model/probe/probe-verdict.js';
import { traceRoute } from '../../model/route/trace-route.js';
import { currentView, routeView, type ProbeAction } from '../state/ui-state.js';
import { cursorOf, readonlyWhy, type KeyContext } from './key-context.js';

/** The route `P` probes: the route view's own, or the host under the cursor of the routes view. */
function routeAt(ctx: KeyContext): { host: string; path?: string } | undefined {
  const view = currentView(ctx.state);
  if (view.type === 'route') return { host: view.host, path: view.path };
  if (view.type === 'routes') return ctx.model.routeRows?.[cursorOf(ctx)]?.target;
  return undefined;
}

/** `P`: asks before probing a route, naming what will be sent where and in which context; refused under --readonly. */
export function probeRoute(ctx: KeyContext): void {
  const route = routeAt(ctx);
  if (!route) return void ctx.dispatch({ type: 'flash', text: 'no route here: move to a host, or open its route', level: 'error' });
  if (ctx.readonly) return void ctx.dispatch({ type: 'flash', text: `${readonlyWhy(ctx)}: kdrill sends no probes (nothing was sent)`, level: 'error' });
  const targets = planProbes(traceRoute(ctx.session.indexes, route, Date.now()), DEFAULT_PROBE);
  const where = `${route.host}${route.path ?? ''}`;
  if (targets.length === 0) return void ctx.dispatch({ type: 'flash', text: `nothing on the route of ${where} can be probed (no Service, pod or entry address)`, level: 'error' });
  // What will be sent where is marked on the route's own lines; the question names the context and sums it up.
  if (currentView(ctx.state).type !== 'route') ctx.dispatch({ type: 'push', view: routeView(route.host, route.path) });
  const planned = targets.map((target) => ({ target, result: { layer: target.layer, via: target.via, method: target.method, path: target.path, target: target.label, outcome: 'planned' as const, timeoutMs: DEFAULT_PROBE.timeoutMs } }));
  ctx.dispatch({ type: 'probed', ...route, runs: planned });
  const question = `Probe ${where} in context ${ctx.session.info.context}: send the ${targets.length} requests marked on the route? ${probeSummary(targets)}`;
  ctx.dispatch({ type: 'confirm', action: { type: 'probe', ...route, question } });
}

/** Sends a confirmed probe and puts the results on the route's lines (opening the route from the routes view). */
export function probeConfirmed(ctx: KeyContext, action: ProbeAction): void {
  const route = { host: action.host, path: action.path };
  const where = `${action.host}${action.path ?? ''}`;
  const session = ctx.session;
  const trace = traceRoute(session.indexes, route, Date.now());
  ctx.dispatch({ type: 'flash', text: `probing ${where}…` });
  void runProbes(planProbes(trace, DEFAULT_PROBE), session.transport, session.probeNetwork, DEFAULT_PROBE).then((runs) => {
    ctx.dispatch({ type: 'probed', ...route, runs });
    const probed = applyProbes(trace, runs);
    const failing = probed.root.diagnostics.find((d) => d.code === 'probe.failing-hop');
    ctx.dispatch({ type: 'flash', text: failing ? `probe: ${failing.message}` : `probe: ${runs.length} hops probed, none fails`, level: failing ? 'error' : 'info' });
  });
}
