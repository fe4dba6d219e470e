import { render } from 'ink';
import { createElement } from 'react';
import type { ClusterSession } from '../kube/cluster-session.js';
import { Splash } from '../ui/components/splash.js';
import { enterFullScreen, hangUp, INCREMENTAL_RENDERING, MAX_FPS, restoreTerminal, terminalLost } from '../ui/terminal.js';
import { VERSION, versionLine } from '../version.js';
import { MAIN_HELP } from './help.js';
import { dropDemo, type DemoCluster, type PrestartedDemo } from './demo-worker-client.js';
import { checkTargetFlags, EXPLORER_OPTIONS } from './target-options.js';
import { logFileOf } from './log-file.js';
import { numberFlag, parse } from './parse.js';
import { CliError, UsageError } from '../errors.js';
import { parseRouteTarget } from '../model/route/route-target.js';
import { contextSettings } from '../model/config/kdrill-config.js';
import { paletteOf } from '../model/config/config-theme.js';
import { loadedConfig } from './config-file.js';

// The explorer's heavier modules: loaded before the splash for a kubeconfig (whose problems are
// reported before anything touches the terminal), behind it for the demo or a snapshot, so that
// they load while the demo's cluster starts in its worker thread.
const explorerParts = () => import('./explorer-parts.js');

/**
 * `kdrill [flags]`: the full-screen explorer, on a kubeconfig context or the demo cluster (the one
 * bin/kdrill.js started in a worker thread, `prestarted`, when it is the one asked for).
 */
export async function tuiCommand(args: string[], prestarted?: PrestartedDemo): Promise<number> {
  const { values, given } = parse('', args, EXPLORER_OPTIONS);
  if (!values.demo || values.help || values.version) dropDemo(prestarted);
  if (values.help) {
    process.stdout.write(MAIN_HELP);
    return 0;
  }
  if (values.version) {
    process.stdout.write(versionLine());
    return 0;
  }
  checkTargetFlags(values);
  const logs = { tail: numberFlag('', 'log-tail', values['log-tail'], 0, 100_000) ?? 200, buffer: numberFlag('', 'log-buffer', values['log-buffer'], 100, 1_000_000) ?? 10_000 };
  const trace = values.trace === undefined ? undefined : parseRouteTarget(values.trace);
  if (values.trace !== undefined && !trace) throw new UsageError(`--trace needs HOST or HOST/PATH, not "${values.trace}"`);
  // Kubeconfig and connection problems are reported before anything touches the terminal.
  const log = logFileOf(values);
  let parts = values.demo || values.snapshot ? undefined : await explorerParts();
  const kcFromFile = await parts?.connectKubeconfig(values);
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new CliError('kdrill needs a terminal: standard input and output must be a TTY', 1, "for scripts: 'kdrill trace HOST' and 'kdrill rollout status KIND/NAME' work in pipes");
  }
  const color = !values['no-color'] && !process.env.NO_COLOR;
  let sim: DemoCluster | undefined;
  let session: ClusterSession | undefined;
  let instance: ReturnType<typeof render> | undefined;
  let quitEarly = false;
  const leave = enterFullScreen(() => {
    quitEarly = true;
    instance?.unmount();
  });
  try {
    // The screen is drawn at once; the demo cluster and the caches come up behind it.
    instance = render(createElement(Splash, { text: values.snapshot ? 'loading the snapshot…' : values.demo ? 'starting the demo cluster…' : `connecting to ${parts!.clusterInfo(kcFromFile!).server}…`, color }), {
      exitOnCtrlC: false,
      patchConsole: false,
      maxFps: MAX_FPS,
      incrementalRendering: INCREMENTAL_RENDERING,
    });
    const exited = instance.waitUntilExit().then(() => (quitEarly = true));
    parts ??= await explorerParts();
    const { EXPLORER_ON_DEMAND, kubeconfigFiles, Root, logCacheStates, readK9s, sessionOpener, startExplorerDemo, startSnapshot } = parts;
    const snap = values.snapshot ? await startSnapshot(values.snapshot) : undefined;
    // The demo opens on a cluster that has settled (its deliberate faults showing, healthy routes
    // healthy): its controllers run a simulated minute in fast-forward before it serves.
    const demo = snap ?? (values.demo ? await startExplorerDemo(values, prestarted) : undefined);
    sim = demo?.sim;
    const kc = kcFromFile ?? demo!.kc;
    log.forget(kc);
    // The config's settings for a context (contexts: prod*: readonly: true) stand between its
    // defaults and the command line; a snapshot is read-only whatever they say.
    const { config } = loadedConfig();
    const readonlyFor = (context: string) => !!snap || (given.has('readonly') ? !!values.readonly : ((contextSettings(config, context).readonly as boolean | undefined) ?? !!values.readonly));
    if (!given.has('namespace')) values.namespace = (contextSettings(config, kc.getCurrentContext()).namespace as string | undefined) ?? values.namespace;
    // A snapshot probes nothing and has no stand-ins.
    const opener = sessionOpener(kc, readonlyFor, snap ? undefined : sim, demo ? [] : kubeconfigFiles({ kubeconfig: values.kubeconfig }));
    // A snapshot's one context reads it frozen: ages as they were, and a header saying it is not live.
    const openSession = async (context?: string) => Object.assign(await opener(context), { snapshot: snap?.info });
    session = await openSession();
    log.info('explorer', { context: session.info.context, server: session.info.server, readonly: session.transport.readonly });
    logCacheStates(session.caches, log);
    // The demo's cluster is spread over many namespaces: it opens on all of them.
    const snapNamespaces = snap?.sim.snapshot?.manifest.namespaces;
    const allNamespaces = !!values['all-namespaces'] || ((!!values.demo || snapNamespaces === 'all') && !values.namespace && !values.context);
    if (!allNamespaces && !values.namespace && Array.isArray(snapNamespaces) && snapNamespaces.length) values.namespace = snapNamespaces[0];
    // The first screen loads first; a route opened at start needs the relations at once. Relations
    // follow the view's namespace (all namespaces only where the user may list them there).
    session.watchRelations(allNamespaces ? undefined : (values.namespace ?? session.info.namespace), { afterScreen: !trace, home: values.namespace ? [values.namespace] : undefined, onDemand: EXPLORER_ON_DEMAND });
    if (!quitEarly) {
      instance.rerender(
        createElement(Root, {
          first: session,
          open: openSession,
          contexts: kc.getContexts().map((c) => c.name),
          version: VERSION,
          namespace: values.namespace,
          allNamespaces,
          // The screen refuses writes as the context's session does (readonlyFor above).
          readonly: readonlyFor,
          color,
          palette: paletteOf(loadedConfig().config.theme),
          // The user's k9s files, as k9s reads them for this context (its cluster's own files too).
          k9s: (context: string) => ({
            setup: readK9s(config, kc.getContextObject(context)?.cluster, context),
            kubeconfig: values.kubeconfig ?? process.env.KUBECONFIG ?? '',
            cluster: kc.getContextObject(context)?.cluster ?? '',
            readOnlySafe: config.readOnlySafePlugins,
          }),
          trace,
          logs,
          onSession: (s: ClusterSession) => (session = s),
        }),
      );
      await exited;
    }
    return 0;
  } finally {
    instance?.unmount();
    leave();
    // A shell still open in a container ends with kdrill, and so does every port-forward (none
    // can have opened before the explorer's modules loaded).
    parts?.endHandOver();
    parts?.portForwards.stopAll();
    restoreTerminal();
    await session?.stop();
    await sim?.stop();
    if (terminalLost()) hangUp();
  }
}
