import { render } from 'ink';
import { createElement } from 'react';
import { clusterInfo, loadKubeConfig } from '../kube/kubeconfig.js';
import { checkConnection } from '../kube/connect.js';
import { watchNamespaces } from '../kube/namespace-list.js';
import { KubeTransport } from '../kube/transport.js';
import { SimCluster } from '../sim/cluster.js';
import { App } from '../ui/app.js';
import { enterFullScreen, restoreTerminal } from '../ui/terminal.js';
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
  const sim = values.demo ? await SimCluster.start({ scenario: values.scenario ?? 'demo' }) : undefined;
  try {
    const kc = kcFromFile ?? loadKubeConfig({ inline: sim!.kubeconfig('kdrill-demo') });
    const info = clusterInfo(kc);
    if (values.namespace) info.namespace = values.namespace;
    const namespaces = await watchNamespaces(kc);
    const color = !values['no-color'] && !process.env.NO_COLOR;
    let instance: ReturnType<typeof render> | undefined;
    const leave = enterFullScreen(() => instance?.unmount());
    try {
      instance = render(createElement(App, { info, version: VERSION, namespaces, readonly: !!values.readonly, color, allNamespaces: !!values['all-namespaces'] }), {
        exitOnCtrlC: false,
        patchConsole: false,
      });
      await instance.waitUntilExit();
    } finally {
      leave();
      await namespaces.stop();
    }
    return 0;
  } finally {
    restoreTerminal();
    await sim?.stop();
  }
}
