// k9s's plugin and hotkey variables ($NAMESPACE, ${NAME}, $COL-READY, $!FLAG) and their substitution,
// as internal/view/env.go does it: text in, text out; the result is one argv entry, never shell input.

/** Variable values by upper-case name. */
export type PluginEnv = Record<string, string>;

// $XXX, $!XXX, ${XXX} or ${!XXX}, as k9s's envRX.
const VAR = /(\$(!?)([\w-]+))|(\$\{(!?)([\w\-%/: ]+)\})/g;

/**
 * Replaces the variables k9s knows in one argument; unknown ones stay as written (as in k9s).
 * `$!X` inverts a true/false value. Longer names are replaced first ($NAMESPACE before $NAME).
 */
export function substitute(arg: string, env: PluginEnv): string {
  const matches = [...arg.matchAll(VAR)].sort((a, b) => b[0].length - a[0].length);
  let out = arg;
  for (const m of matches) {
    const key = (m[1] ? m[3] : m[6]).toUpperCase();
    const inverse = (m[1] ? m[2] : m[5]) === '!';
    if (!Object.hasOwn(env, key)) continue;
    let value = env[key];
    // Only a value that is not a number counts as a boolean (so $INPUT_REPLICAS=1 stays 1).
    if (!/^-?\d+(\.\d+)?$/.test(value) && /^(true|false)$/i.test(value)) value = String(/^true$/i.test(value) !== inverse);
    out = out.split(m[0]).join(value);
  }
  return out;
}

/** What a plugin or hotkey may refer to, from where the user stands. */
export interface EnvSource {
  context: string;
  cluster: string;
  user: string;
  kubeconfig: string;
  /** The kind in view as k9s names it: group, version, resource. */
  resource?: { group: string; version: string; name: string };
  /** The row under the cursor: namespace and name (a container's pod in `pod`). */
  namespace?: string;
  name?: string;
  pod?: string;
  container?: string;
  /** The table's columns and the row's cells. */
  headers?: readonly string[];
  cells?: readonly string[];
  /** The filter typed in the view. */
  filter?: string;
}

/** The variables of k9s's defaultEnv (and the table's, containers' additions) for where the user stands. */
export function pluginEnv(s: EnvSource): PluginEnv {
  const env: PluginEnv = { CONTEXT: s.context, CLUSTER: s.cluster, USER: s.user, GROUPS: 'n/a', KUBECONFIG: s.kubeconfig, NAMESPACE: s.namespace ?? '', NAME: s.name ?? '' };
  s.headers?.forEach((h, i) => {
    // Column names as kdrill draws them, sort arrows dropped (NAME↑ is $COL-NAME).
    if (s.cells?.[i] !== undefined) env[`COL-${h.replace(/[\u2191\u2193]/g, '').trim().replace(/\s+/g, '-').toUpperCase()}`] = s.cells[i];
  });
  // k9s: an empty filter stands for the row's name.
  env.FILTER = s.filter || (s.name ?? '');
  if (s.pod !== undefined) env.POD = s.pod;
  if (s.container !== undefined) env.CONTAINER = s.container;
  if (s.resource) Object.assign(env, { RESOURCE_GROUP: s.resource.group, RESOURCE_VERSION: s.resource.version, RESOURCE_NAME: s.resource.name });
  return env;
}
