import { sanitize } from '../model/sanitize.js';
import { useEffect, useMemo, useRef, useState } from 'react';
import { K9sContext, type K9sRuntime } from './k9s-context.js';
import { clashNotice, k9sBindings, scopeView } from './keys/k9s-bindings.js';
import { setUserBindings } from './keys/bindings.js';
import { EXPLORER_ON_DEMAND, type ClusterSession } from '../kube/cluster-session.js';
import { App, type Notice } from './app.js';
import type { LogOptions } from './hooks/use-logs.js';
import { ClusterContext } from './cluster-context.js';
import { ThemeContext } from './theme.js';
import type { Palette } from '../model/config/config-theme.js';

/** Props of the root: how to open a session for a context, and the first one. */
export interface RootProps {
  first: ClusterSession;
  open: (context: string) => Promise<ClusterSession>;
  contexts: string[];
  version: string;
  /** The namespace to start in (default: the context's); ignored with allNamespaces. */
  namespace: string | undefined;
  allNamespaces: boolean;
  /** Whether the screen refuses writes (it may depend on the context: kdrill's config, contexts: prod*: readonly). */
  readonly: boolean | ((context: string) => boolean);
  color: boolean;
  /** The colours the config's theme names (default: the built-in dark theme). */
  palette?: Palette;
  /** Open on the route of this host (and path), over the list of routes (`--trace`). */
  trace?: { host: string; path?: string };
  /** How many lines a log starts with, and how many a log pane keeps. */
  logs?: LogOptions;
  /** The user's k9s setup for a context (aliases, hotkeys, plugins), if any. */
  k9s?: (context: string) => Omit<K9sRuntime, 'clashes'>;
  /** Called with the session in use, so that the caller can stop it on exit. */
  onSession: (s: ClusterSession) => void;
}

/** Holds the current context's session; switching context stops the old one and opens the new. */
export function Root({ first, open, contexts, version, namespace, allNamespaces, readonly, color, palette, trace, logs, k9s: k9sFor, onSession }: RootProps) {
  const [session, setSession] = useState(first);
  // All namespaces where this session's user may list pods across them; else the context's namespace.
  const [everywhere, setEverywhere] = useState(allNamespaces);
  const [notice, setNotice] = useState<Notice | undefined>();
  // The session in use now, and the latest switch asked for: a switch overtaken by a later one is
  // dropped (its session stopped), so two switches in flight never leave a session behind.
  const current = useRef(first);
  const latest = useRef(0);
  useEffect(() => {
    onSession(session);
  }, [session]);
  // The k9s hotkeys and plugins of this context join the binding table (plugin scopes resolved by its kinds).
  const k9s = useMemo((): K9sRuntime | undefined => {
    const runtime = k9sFor?.(session.info.context);
    const b = runtime ? k9sBindings(runtime.setup, (scope) => scopeView(scope, runtime.setup.aliases, (n) => session.discovery.find(n))) : undefined;
    setUserBindings(b?.first ?? [], b?.last ?? []);
    return runtime && { ...runtime, clashes: clashNotice(b!.clashes) };
  }, [session]);
  const switchTo = (name: string) => {
    if (name === current.current.info.context) return;
    // The explorer stays as it is while a switch is tried: if the switch fails, nothing was lost,
    // and the footer says why (until the next message or move).
    setNotice({ text: `switching to context ${name}…`, level: 'info' });
    const mine = ++latest.current;
    void (async () => {
      try {
        const next = await open(name);
        await next.reviewed;
        if (mine !== latest.current) return void (await next.stop());
        const old = current.current;
        current.current = next;
        await old.stop();
        const all = allNamespaces && !next.refusedClusterWide('pods');
        next.watchRelations(all ? undefined : (namespace ?? next.info.namespace), { afterScreen: true, home: namespace ? [namespace] : undefined, onDemand: EXPLORER_ON_DEMAND });
        setEverywhere(all);
        setSession(next);
        setNotice({ text: `switched to context ${name}`, level: 'info' });
      } catch (e) {
        if (mine !== latest.current) return;
        setNotice({ text: `cannot switch to context ${name}: ${sanitize((e as Error).message, true)}; still on ${current.current.info.context}`, level: 'error' });
      }
    })();
  };
  return (
    <ThemeContext.Provider value={{ color, palette }}>
      <K9sContext.Provider value={k9s}>
      <ClusterContext.Provider value={session}>
        <App key={session.info.context} version={version} namespace={everywhere ? undefined : (namespace ?? session.info.namespace)} readonly={typeof readonly === 'function' ? readonly(session.info.context) : readonly} contexts={contexts} onSwitchContext={switchTo} notice={notice} trace={trace} logs={logs} />
      </ClusterContext.Provider>
      </K9sContext.Provider>
    </ThemeContext.Provider>
  );
}
