import { writeFileSync } from 'node:fs';
import { SimApi } from './api/api-server.js';
import { ApiProxy } from './app/api-proxy.js';
import { PodStreams } from './exec/pod-streams.js';
import { SimClock } from './clock.js';
import { CrdController } from './controllers/crd-controller.js';
import { CronJobController } from './controllers/cronjob-controller.js';
import { DaemonSetController } from './controllers/daemonset-controller.js';
import { DeploymentController } from './controllers/deployment-controller.js';
import { DisruptionController } from './controllers/disruption-controller.js';
import { EndpointsController } from './controllers/endpoints-controller.js';
import { EventRecorder } from './controllers/event-recorder.js';
import { GarbageCollector } from './controllers/garbage-collector.js';
import { GatewayController } from './controllers/gateway-controller.js';
import { IngressController } from './controllers/ingress-controller.js';
import { JobController } from './controllers/job-controller.js';
import { NamespaceController } from './controllers/namespace-controller.js';
import { NodeController } from './controllers/node-controller.js';
import { PodLifecycleController } from './controllers/pod-lifecycle.js';
import { ReplicaSetController } from './controllers/replicaset-controller.js';
import { ControllerHost, type Controller } from './controllers/runtime.js';
import { StatefulSetController } from './controllers/statefulset-controller.js';
import { SimHttpServer } from './http/server.js';
import { WatchRegistry } from './http/watch.js';
import { ImageCatalog } from './images.js';
import { LogService } from './logs/log-service.js';
import { ResourceRegistry } from './resources.js';
import { startChurn } from './scenario/churn.js';
import { generateLarge, scaledLarge, type LargeSummary } from './scenario/large-scenario.js';
import { loadScenario } from './scenario/load-scenario.js';
import { readScenario } from './scenario/scenario-file.js';
import { ObjectStore } from './store.js';
import { bootstrap } from './bootstrap.js';
import { Faults } from './faults.js';
import { RbacAuthorizer } from './auth/rbac-authorizer.js';
import { ADMIN_TOKEN, serviceAccountToken } from './auth/authenticate.js';

/** The demo's namespace-scoped user: ServiceAccount shop/viewer (read-only in `shop`), and its kubeconfig context. */
export const VIEWER = { namespace: 'shop', serviceAccount: 'viewer', context: 'kdrill-viewer' };

/** How to start a simulated cluster. */
export interface SimOptions {
  /** A built-in scenario name or a directory of manifests; default `demo`; `none` for an empty cluster. */
  scenario?: string;
  /** `manual` for tests that drive time with `advance`; default `real`. */
  clock?: 'real' | 'manual';
  /** Simulated seconds per wall second in real mode. */
  speed?: number;
  /** The simulated start time (epoch ms). */
  start?: number;
  port?: number;
  /** Whether the scenario's periodic rollouts run (default: on in real mode, off in manual mode). */
  churn?: boolean;
  bookmarkIntervalMs?: number;
  /** How many store events watches can resume from. */
  historyLimit?: number;
  /** Simulated time to run through before serving, so pods start out scheduled, pulled and ready. */
  warmUpMs?: number;
  /** Whether controllers and the kubelet run (off for benchmarks that write objects directly; off by default for `large`). */
  controllers?: boolean;
  /** For the generated `large` scenario: a factor on its size (1: 30,000 pods). */
  scale?: number;
}

/** A running simulated Kubernetes cluster: API server, controllers, kubelet and logs. */
export class SimCluster {
  readonly registry = new ResourceRegistry();
  readonly clock: SimClock;
  readonly store: ObjectStore;
  readonly api: SimApi;
  readonly images = new ImageCatalog();
  readonly events: EventRecorder;
  readonly host: ControllerHost;
  readonly kubelet: PodLifecycleController;
  readonly logs: LogService;
  readonly watches = new WatchRegistry();
  readonly http: SimHttpServer;
  readonly faults: Faults;
  readonly authorizer: RbacAuthorizer;
  port = 0;
  private stopChurn = () => {};

  private constructor(opts: SimOptions) {
    this.clock = new SimClock(opts.clock ?? 'real', opts.speed ?? 1, opts.start ?? Date.now());
    this.store = new ObjectStore(() => this.clock.now(), opts.historyLimit);
    this.api = new SimApi(this.registry, this.store, this.clock);
    this.events = new EventRecorder(this.store, this.clock);
    this.host = new ControllerHost(this.api, this.store, this.clock, this.events, this.images);
    this.kubelet = new PodLifecycleController(this.host);
    this.logs = new LogService(this.store, this.clock, this.images);
    this.authorizer = new RbacAuthorizer(this.store);
    this.http = new SimHttpServer({
      api: this.api,
      watches: this.watches,
      watchConfig: { bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 15_000 },
      authorizer: this.authorizer,
      serveLogs: (req, res, pod, q) => this.logs.serve(req, res, pod, q),
      proxy: new ApiProxy(this.store, this.images),
      streams: new PodStreams(this.store, this.images, this.logs, this.clock),
    });
    this.faults = new Faults(this.http, this.watches, this.store, this.registry, () => this.port);
    const controllers: Controller[] = [
      new CrdController(this.host),
      new NamespaceController(this.host),
      new NodeController(this.host),
      new GarbageCollector(this.host),
      new DeploymentController(this.host),
      new ReplicaSetController(this.host),
      new StatefulSetController(this.host),
      new DaemonSetController(this.host),
      new JobController(this.host),
      new CronJobController(this.host),
      new EndpointsController(this.host),
      new DisruptionController(this.host),
      new IngressController(this.host),
      new GatewayController(this.host),
      this.kubelet,
    ];
    // The large scenario is a steady snapshot: its controllers would only re-derive what it already holds.
    if (opts.controllers ?? opts.scenario !== 'large') for (const c of controllers) this.host.add(c);
  }

  /** What the generated `large` scenario holds (hosts to trace, pod count); undefined for other scenarios. */
  large: LargeSummary | undefined;

  /** Creates the cluster, loads its scenario and starts serving on 127.0.0.1. */
  static async start(opts: SimOptions = {}): Promise<SimCluster> {
    const sim = new SimCluster(opts);
    const generated = opts.scenario === 'large';
    const scenario = opts.scenario === 'none' || generated ? undefined : readScenario(opts.scenario ?? 'demo');
    bootstrap(sim.api, !generated && !scenario?.manifests.some((m) => m.object.kind === 'Node'));
    if (scenario) loadScenario(sim.api, sim.host, sim.images, scenario);
    if (generated) sim.large = generateLarge(sim.store, sim.clock.now(), scaledLarge(opts.scale ?? 1));
    sim.host.drain();
    const expire = () => {
      sim.events.expire();
      sim.clock.after(5 * 60_000, expire);
    };
    sim.clock.after(5 * 60_000, expire);
    if (scenario && (opts.churn ?? (opts.clock ?? 'real') === 'real')) sim.stopChurn = startChurn(sim.api, sim.clock, scenario.rollouts);
    if (opts.warmUpMs) sim.clock.skip(opts.warmUpMs);
    sim.port = await sim.http.listen(opts.port ?? 0);
    return sim;
  }

  /** The API server's URL (plain HTTP; the same port speaks HTTPS too). */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The API server's HTTPS URL, as kubeconfigs name it: kubectl sends bearer tokens only over TLS. */
  get tlsUrl(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  /**
   * A kubeconfig that points kubectl or client-node at this cluster: the current context is a
   * cluster-admin; when the scenario has the viewer ServiceAccount, context `kdrill-viewer` is it.
   * `tls: false` names the plain-HTTP URL (client-node sends tokens over it; kubectl does not).
   */
  kubeconfig(contextName = 'kdrill-sim', opts: { tls?: boolean } = {}): Record<string, unknown> {
    const users = [{ name: `${contextName}-user`, user: { token: ADMIN_TOKEN } }];
    const contexts = [{ name: contextName, context: { cluster: contextName, user: `${contextName}-user`, namespace: 'default' } }];
    if (this.store.get('serviceaccounts', VIEWER.namespace, VIEWER.serviceAccount)) {
      users.push({ name: VIEWER.context, user: { token: serviceAccountToken(VIEWER.namespace, VIEWER.serviceAccount) } });
      contexts.push({ name: VIEWER.context, context: { cluster: contextName, user: VIEWER.context, namespace: VIEWER.namespace } });
    }
    return {
      apiVersion: 'v1',
      kind: 'Config',
      // The certificate is the simulator's own self-signed one (src/sim/http/sim-tls.ts).
      clusters: [{ name: contextName, cluster: { server: opts.tls === false ? this.url : this.tlsUrl, 'insecure-skip-tls-verify': true } }],
      users,
      contexts,
      'current-context': contextName,
      preferences: {},
    };
  }

  /** Writes the kubeconfig to a file (mode 0600, as kubectl writes them). */
  writeKubeconfig(file: string, contextName?: string, opts?: { tls?: boolean }): void {
    writeFileSync(file, JSON.stringify(this.kubeconfig(contextName, opts), null, 2), { mode: 0o600 });
  }

  /** Manual clock: moves simulated time forward, running everything that falls due. */
  advance(ms: number): void {
    this.clock.advance(ms);
  }

  /** Runs queued controller work now (manual clock tests after an HTTP write). */
  settle(): void {
    this.host.drain();
  }

  /** Stops serving and every controller, timer and stream. */
  async stop(): Promise<void> {
    this.stopChurn();
    this.faults.dispose();
    this.host.stop();
    this.clock.stop();
    this.watches.destroyAll();
    for (const s of this.logs.streams) s.destroy();
    await this.http.close();
  }
}
