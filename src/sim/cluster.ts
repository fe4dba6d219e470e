import { DNS_EXTENSION } from '../net/kubeconfig-dns.js';
import { STAND_INS_EXTENSION } from '../net/kubeconfig-stand-ins.js';
import { SimDnsServer } from './dns/dns-server.js';
import { writeFileSync } from 'node:fs';
import { SimApi } from './api/api-server.js';
import { ApiProxy } from './app/api-proxy.js';
import { PodStreams } from './exec/pod-streams.js';
import { StandIns, type StandIn } from './app/stand-ins.js';
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
import { METRICS, ResourceRegistry } from './resources.js';
import { MetricsApi } from './metrics/metrics-api.js';
import { startChurn } from './scenario/churn.js';
import { generateLarge, scaledLarge, type LargeSummary } from './scenario/large-scenario.js';
import { loadScenario } from './scenario/load-scenario.js';
import { readScenario } from './scenario/scenario-file.js';
import { ObjectStore } from './store.js';
import { bootstrap } from './bootstrap.js';
import { Faults } from './faults.js';
import { RbacAuthorizer } from './auth/rbac-authorizer.js';
import { ADMIN_TOKEN, serviceAccountToken } from './auth/authenticate.js';
import type { SnapshotData } from './snapshot/read-snapshot.js';
import { restoreSnapshot } from './snapshot/load-snapshot.js';
import { snapshotRefusal } from './snapshot/snapshot-refusal.js';

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
  /** For the generated `large` scenario: pods carry the managedFields a real API server writes (benchmarks; off by default). */
  managedFields?: boolean;
  /** Whether metrics.k8s.io is served, as metrics-server's APIService (default true). */
  metrics?: boolean;
  /** metrics-server's `--metric-resolution`: how often usage is scraped, the `window` of its answers (default 15 s). */
  metricsResolutionMs?: number;
  /**
   * A snapshot to serve instead of a scenario: its objects as captured, its clock frozen at the
   * capture time, no controller or kubelet running, logs from the captured lines, writes refused.
   */
  snapshot?: SnapshotData;
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
  readonly metrics: MetricsApi | undefined;
  port = 0;
  /** Loopback listeners that play the demo's fake entry (and edge) addresses. */
  readonly entries: StandIns;
  private stopChurn = () => {};

  private constructor(opts: SimOptions) {
    // A snapshot's clock is a manual one nobody advances: ages read as they were at capture.
    this.clock = opts.snapshot ? new SimClock('manual', 1, Date.parse(opts.snapshot.manifest.capturedAt)) : new SimClock(opts.clock ?? 'real', opts.speed ?? 1, opts.start ?? Date.now());
    this.store = new ObjectStore(() => this.clock.now(), opts.historyLimit);
    this.api = new SimApi(this.registry, this.store, this.clock);
    this.events = new EventRecorder(this.store, this.clock);
    this.host = new ControllerHost(this.api, this.store, this.clock, this.events, this.images);
    this.kubelet = new PodLifecycleController(this.host);
    this.logs = new LogService(this.store, this.clock, this.images);
    this.authorizer = new RbacAuthorizer(this.store);
    this.entries = new StandIns(this.store, this.images, () => this.clock.now());
    if (opts.metrics === false) for (const [group, , resource] of METRICS) this.registry.remove(`${resource}.${group}`);
    else this.metrics = new MetricsApi(this.api, opts.metricsResolutionMs);
    this.http = new SimHttpServer({
      api: this.api,
      watches: this.watches,
      watchConfig: { bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 15_000 },
      authorizer: this.authorizer,
      serveLogs: (req, res, pod, q) => this.logs.serve(req, res, pod, q),
      metrics: this.metrics,
      proxy: new ApiProxy(this.store, this.images),
      streams: new PodStreams(this.store, this.images, this.logs, this.clock),
    });
    this.faults = new Faults(this.http, this.watches, this.store, this.registry, () => this.port);
    // GET /kdrill-sim/stand-ins: the fake addresses and their loopback stand-ins, for kdrill in another process.
    const faultsAdmin = this.http.admin;
    this.http.admin = async (req, res) => {
      if (req.method === 'GET' && req.url?.split('?')[0] === '/kdrill-sim/stand-ins') {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(Object.fromEntries(this.standIns)));
        return true;
      }
      return (await faultsAdmin?.(req, res)) ?? false;
    };
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
    if (!opts.snapshot && (opts.controllers ?? opts.scenario !== 'large')) for (const c of controllers) this.host.add(c);
    this.snapshot = opts.snapshot;
  }

  /** The demo's DNS resolver on a loopback UDP port (its address goes into the kubeconfig: see kubeconfig()). */
  readonly dns = new SimDnsServer();
  /** The snapshot this cluster serves, if it serves one (then it is frozen and read-only). */
  readonly snapshot: SnapshotData | undefined;

  /** What the generated `large` scenario holds (hosts to trace, pod count); undefined for other scenarios. */
  large: LargeSummary | undefined;

  /** Creates the cluster, loads its scenario and starts serving on 127.0.0.1. */
  static async start(opts: SimOptions = {}): Promise<SimCluster> {
    const sim = new SimCluster(opts);
    if (opts.snapshot) return sim.serveSnapshot(opts.snapshot, opts.port);
    const generated = opts.scenario === 'large';
    const scenario = opts.scenario === 'none' || generated ? undefined : readScenario(opts.scenario ?? 'demo');
    bootstrap(sim.api, !generated && !scenario?.manifests.some((m) => m.object.kind === 'Node'));
    if (scenario) loadScenario(sim.api, sim.host, sim.images, scenario);
    if (generated) sim.large = generateLarge(sim.store, sim.clock.now(), scaledLarge(opts.scale ?? 1), { managedFields: opts.managedFields });
    sim.host.drain();
    const expire = () => {
      sim.events.expire();
      sim.clock.after(5 * 60_000, expire);
    };
    sim.clock.after(5 * 60_000, expire);
    if (scenario && (opts.churn ?? (opts.clock ?? 'real') === 'real')) sim.stopChurn = startChurn(sim.api, sim.clock, scenario.rollouts);
    if (opts.warmUpMs) sim.clock.skip(opts.warmUpMs);
    sim.port = await sim.http.listen(opts.port ?? 0);
    await sim.entries.start();
    await sim.dns.listen();
    return sim;
  }

  /** The demo's fake addresses (`172.18.255.200:80`) and the loopback listeners that stand in for them, as the cluster is now. */
  get standIns(): Map<string, StandIn> {
    return this.entries.map();
  }

  /** Loads a snapshot and serves it, frozen: no controller, timer or churn runs, and writes are refused. */
  private async serveSnapshot(data: SnapshotData, port?: number): Promise<SimCluster> {
    restoreSnapshot(this.api, data);
    this.logs.captured = data.logs;
    this.http.refusal = snapshotRefusal(data.manifest, this.registry);
    this.port = await this.http.listen(port ?? 0);
    return this;
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
    // A snapshot's context keeps the namespace it was taken from (the one a namespace-limited user read).
    const namespace = this.snapshot?.manifest.namespace || 'default';
    const contexts = [{ name: contextName, context: { cluster: contextName, user: `${contextName}-user`, namespace } }];
    // A snapshot holds no RBAC policy for the viewer: only the admin context reads it.
    if (!this.snapshot && this.store.get('serviceaccounts', VIEWER.namespace, VIEWER.serviceAccount)) {
      users.push({ name: VIEWER.context, user: { token: serviceAccountToken(VIEWER.namespace, VIEWER.serviceAccount) } });
      contexts.push({ name: VIEWER.context, context: { cluster: contextName, user: VIEWER.context, namespace: VIEWER.namespace } });
    }
    return {
      apiVersion: 'v1',
      kind: 'Config',
      // The certificate is the simulator's own self-signed one (src/sim/http/sim-tls.ts).
      // The extension names the demo's resolver; kdrill's trace asks it (kubectl ignores it).
      clusters: [{ name: contextName, cluster: { server: opts.tls === false ? this.url : this.tlsUrl, 'insecure-skip-tls-verify': true, extensions: [{ name: DNS_EXTENSION, extension: { server: this.dns.address } }, { name: STAND_INS_EXTENSION, extension: { url: `${this.url}/kdrill-sim/stand-ins` } }] } }],
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
    await this.entries.stop();
    await this.http.close();
    await this.dns.close();
  }
}
