import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { CliError } from '../cli/usage-error.js';

/** Where to find the cluster: a kubeconfig file and context, or an in-memory config (the demo). */
export interface KubeconfigOptions {
  kubeconfig?: string;
  context?: string;
  /** A kubeconfig object to use instead of any file (the simulated cluster's). */
  inline?: Record<string, unknown>;
}

/** What the header shows about the connection. */
export interface ClusterInfo {
  context: string;
  server: string;
  user: string;
  /** The context's namespace, else `default`. */
  namespace: string;
}

/** Loads a kubeconfig as kubectl does (--kubeconfig, then KUBECONFIG, then ~/.kube/config) and selects the context. */
export function loadKubeConfig(opts: KubeconfigOptions): KubeConfig {
  const kc = new KubeConfig();
  if (opts.inline) kc.loadFromOptions(toOptions(opts.inline));
  else if (opts.kubeconfig) {
    if (!existsSync(opts.kubeconfig)) throw new CliError(`kubeconfig ${opts.kubeconfig} does not exist`, 1, 'check the --kubeconfig path');
    loadFile(kc, opts.kubeconfig);
  } else {
    const fromEnv = (process.env.KUBECONFIG ?? '').split(process.platform === 'win32' ? ';' : ':').filter(Boolean);
    const home = join(homedir(), '.kube', 'config');
    const files = fromEnv.length ? fromEnv.filter((f) => existsSync(f)) : existsSync(home) ? [home] : [];
    if (!files.length && !process.env.KUBERNETES_SERVICE_HOST) {
      throw new CliError('no kubeconfig found (looked at $KUBECONFIG and ~/.kube/config)', 1, "pass --kubeconfig FILE, or try 'kdrill --demo' for a simulated cluster");
    }
    if (files.length) loadFile(kc, files[0]);
    else kc.loadFromCluster();
  }
  if (opts.context) {
    if (!kc.getContextObject(opts.context)) {
      const known = kc.getContexts().map((c) => c.name);
      throw new CliError(`context "${opts.context}" not found in the kubeconfig`, 1, known.length ? `known contexts: ${known.join(', ')}` : 'the kubeconfig has no contexts');
    }
    kc.setCurrentContext(opts.context);
  }
  if (!kc.getCurrentContext() || !kc.getContextObject(kc.getCurrentContext())) {
    throw new CliError('the kubeconfig has no current context', 1, 'pass --context NAME, or set one with kubectl config use-context');
  }
  if (!kc.getCurrentCluster()) throw new CliError(`context "${kc.getCurrentContext()}" refers to a cluster that is not in the kubeconfig`, 1);
  return kc;
}

function loadFile(kc: KubeConfig, file: string): void {
  try {
    kc.loadFromFile(file);
  } catch (e) {
    throw new CliError(`cannot read kubeconfig ${file}: ${(e as Error).message.split('\n')[0]}`, 1, 'check that the file is a valid kubeconfig (kubectl config view)');
  }
}

function toOptions(config: Record<string, any>): Record<string, unknown> {
  return {
    clusters: config.clusters.map((c: any) => ({ name: c.name, server: c.cluster.server, skipTLSVerify: c.cluster['insecure-skip-tls-verify'] })),
    users: config.users.map((u: any) => ({ name: u.name, token: u.user.token })),
    contexts: config.contexts.map((c: any) => ({ name: c.name, cluster: c.context.cluster, user: c.context.user, namespace: c.context.namespace })),
    currentContext: config['current-context'],
  };
}

/** The connection details of the current context. */
export function clusterInfo(kc: KubeConfig): ClusterInfo {
  const ctx = kc.getContextObject(kc.getCurrentContext());
  return {
    context: kc.getCurrentContext(),
    server: kc.getCurrentCluster()?.server ?? '',
    user: ctx?.user ?? '',
    namespace: ctx?.namespace || 'default',
  };
}
