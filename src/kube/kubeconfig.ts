import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { CliError } from '../errors.js';

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

/** The kubeconfig files kubectl would read: --kubeconfig, else $KUBECONFIG (missing files skipped), else ~/.kube/config. */
export function kubeconfigFiles(opts: KubeconfigOptions, env = process.env): string[] {
  if (opts.kubeconfig) return [opts.kubeconfig];
  const fromEnv = (env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
  if (fromEnv.length) return fromEnv.filter((f) => existsSync(f));
  const home = join(env.HOME ?? homedir(), '.kube', 'config');
  return existsSync(home) ? [home] : [];
}

/**
 * Merges kubeconfig files the way kubectl does: the first file that sets current-context wins,
 * and for a cluster, user or context defined in several files the first definition wins.
 */
export function mergeKubeconfigs(files: string[]): KubeConfig {
  const merged = new KubeConfig();
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let current = '';
  for (const file of files) {
    const kc = new KubeConfig();
    try {
      // loadFromFile resolves relative certificate paths against the file's own directory.
      kc.loadFromFile(file);
    } catch (e) {
      throw new CliError(`cannot read kubeconfig ${file}: ${(e as Error).message.split('\n')[0]}`, 1, 'check that the file is a valid kubeconfig (kubectl config view)');
    }
    for (const c of kc.getClusters()) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of kc.getUsers()) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of kc.getContexts()) if (!contexts.has(c.name)) contexts.set(c.name, c);
    if (!current && kc.getCurrentContext()) current = kc.getCurrentContext();
  }
  merged.loadFromOptions({ clusters: [...clusters.values()], users: [...users.values()], contexts: [...contexts.values()], currentContext: current });
  return merged;
}

/** Loads the kubeconfig as kubectl does and selects the context; every problem is one CliError line. */
export function loadKubeConfig(opts: KubeconfigOptions, env = process.env): KubeConfig {
  let kc: KubeConfig;
  if (opts.inline) {
    kc = new KubeConfig();
    kc.loadFromOptions(toOptions(opts.inline));
  } else {
    if (opts.kubeconfig && !existsSync(opts.kubeconfig)) throw new CliError(`kubeconfig ${opts.kubeconfig} does not exist`, 1, 'check the --kubeconfig path');
    const files = kubeconfigFiles(opts, env);
    if (files.length) kc = mergeKubeconfigs(files);
    else if (env.KUBERNETES_SERVICE_HOST) {
      kc = new KubeConfig();
      kc.loadFromCluster();
    } else {
      const looked = env.KUBECONFIG ? `$KUBECONFIG (${env.KUBECONFIG})` : '$KUBECONFIG and ~/.kube/config';
      throw new CliError(`no kubeconfig found (looked at ${looked})`, 1, "pass --kubeconfig FILE, or try 'kdrill --demo' for a simulated cluster");
    }
  }
  if (opts.context) {
    if (!kc.getContextObject(opts.context)) {
      const known = kc.getContexts().map((c) => c.name);
      throw new CliError(`context "${opts.context}" not found in the kubeconfig`, 1, known.length ? `known contexts: ${known.join(', ')}` : 'the kubeconfig has no contexts');
    }
    kc.setCurrentContext(opts.context);
  }
  const name = kc.getCurrentContext();
  const ctx = name ? kc.getContextObject(name) : null;
  if (!ctx) {
    const known = kc.getContexts().map((c) => c.name);
    throw new CliError(name ? `current context "${name}" is not defined in the kubeconfig` : 'the kubeconfig has no current context', 1, known.length ? `pass --context NAME (known: ${known.join(', ')})` : 'add a context with kubectl config set-context');
  }
  if (!kc.getCluster(ctx.cluster)) throw new CliError(`context "${name}" refers to cluster "${ctx.cluster}", which is not in the kubeconfig`, 1, 'fix the context with kubectl config set-context');
  if (ctx.user && !kc.getUser(ctx.user)) throw new CliError(`context "${name}" refers to user "${ctx.user}", which is not in the kubeconfig`, 1, 'fix the context with kubectl config set-context');
  return kc;
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
