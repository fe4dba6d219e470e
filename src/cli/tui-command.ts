import { render } from 'ink';
import { createElement } from 'react';
import { ClusterSession } from '../kube/cluster-session.js';
import { clusterInfo, loadKubeConfig } from '../kube/kubeconfig.js';
import { checkConnection } from '../kube/connect.js';
import { KubeTransport } from '../kube/transport.js';
import { SimCluster } from '../sim/cluster.js';
import { Root } from '../ui/root.js';
import { Splash } from '../ui/components/splash.js';
import { enterFullScreen, hangUp, restoreTerminal, terminalLost } from '../ui/terminal.js';
import { VERSION } from '../version.js';
import { MAIN_HELP } from './help.js';
import { parse } from './parse.js';
import { CliError, UsageError } from './usage-error.js';

/** `kdrill [flags]`: the full-screen explorer, on a kubeconfig context or the demo cluster. */
export async function tuiCommand(args: string[]): Promise<number> {
  const { values } = parse('', args, {
    kubeconfig: { type: 'string' },
    context: { type: 'string' },
    namespace: { type: 'string', short: 'n' },
    'all-namespaces': { type: 'boolean', short: 'A' },
    readonly: { type: 'boolean' },
    'no-color': { type: 'boolean' },
    demo: { type: 'boolean' },
    scenario: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
  });
  if (values.help) {
    process.stdout.write(MAIN_HELP);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`kdrill ${VERSION}\n`);
    return 0;
  }
  if (values.scenario && !values.demo) throw new UsageError('--scenario needs --demo');
  if (values.demo && (values.kubeconfig || values.context)) throw new UsageError('--demo cannot be combined with --kubeconfig or --context');
  // Kubeconfig and connection problems are reported before anything touches the terminal.
  const kcFromFile = values.demo ? undefined : loadKubeConfig({ kubeconfig: values.kubeconfig, context: values.context });
  if (kcFromFile) {
    const probe = new KubeTransport(kcFromFile);
    try {
      await checkConnection(probe, clusterInfo(kcFromFile).user);
    } finally {
      probe.destroy();
    }
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new CliError('kdrill needs a terminal: standard input and output must be a TTY', 1, "for scripts, use kubectl against 'kdrill sim'");
  }
  const color = !values['no-color'] && !process.env.NO_COLOR;
  let sim: SimCluster | undefined;
  let session: ClusterSession | undefined;
  let instance: ReturnType<typeof render> | undefined;
  let quitEarly = false;
  const leave = enterFullScreen(() => {
    quitEarly = true;
    instance?.unmount();
  });
  try {
    // The screen is drawn at once; the demo cluster and the caches come up behind it.
    instance = render(createElement(Splash, { text: values.demo ? 'starting the demo cluster…' : `connecting to ${clusterInfo(kcFromFile!).server}…`, color }), {
      exitOnCtrlC: false,
      patchConsole: false,
      maxFps: 60,
    });
    const exited = instance.waitUntilExit().then(() => (quitEarly = true));
    sim = values.demo ? await SimCluster.start({ scenario: values.scenario ?? 'demo' }) : undefined;
    const kc = kcFromFile ?? loadKubeConfig({ inline: sim!.kubeconfig('kdrill-demo') });
    const openSession = (context?: string) => {
      if (context) kc.setCurrentContext(context);
      return ClusterSession.open(kc);
    };
    session = await openSession();
    session.watchRelations();
    if (!quitEarly) {
      instance.rerender(
        createElement(Root, {
          first: session,
          open: openSession,
          contexts: kc.getContexts().map((c) => c.name),
          version: VERSION,
          namespace: values.namespace,
          // The demo's cluster is spread over many namespaces: it opens on all of them.
          allNamespaces: !!values['all-namespaces'] || (!!values.demo && !values.namespace),
          readonly: !!values.readonly,
          color,
          onSession: (s: ClusterSession) => (session = s),
        }),
      );
      await exited;
    }
    return 0;
  } finally {
    instance?.unmount();
    leave();
    restoreTerminal();
    await session?.stop();
    await sim?.stop();
    if (terminalLost()) hangUp();
  }
}
