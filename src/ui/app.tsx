import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { useSyncExternalStore } from 'react';
import type { ClusterInfo } from '../kube/kubeconfig.js';
import type { NamespaceList } from '../kube/namespace-list.js';
import { sanitize } from '../model/sanitize.js';

/** Props of the top-level screen. */
export interface AppProps {
  info: ClusterInfo;
  version: string;
  namespaces: NamespaceList;
  readonly: boolean;
  color: boolean;
  allNamespaces: boolean;
}

/** The explorer's first screen: the connection and the cluster's namespaces, live. */
export function App({ info, version, namespaces, readonly, color, allNamespaces }: AppProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const names = useSyncExternalStore(namespaces.subscribe, namespaces.names);
  const error = useSyncExternalStore(namespaces.subscribe, namespaces.error);
  useInput((input, key) => {
    if (input === 'q' || (key.ctrl && input === 'c')) exit();
  });
  const rows = Math.max(1, (stdout.rows ?? 24) - 6);
  const shown = names.slice(0, rows);
  const c = (name: string) => (color ? name : undefined);
  return (
    <Box flexDirection="column" height={(stdout.rows ?? 24) - 1}>
      <Box>
        <Text bold color={c('cyan')}>kdrill {sanitize(version, true)}</Text>
        <Text>  context: {sanitize(info.context, true)}  server: {sanitize(info.server, true)}  user: {sanitize(info.user, true)}</Text>
      </Box>
      <Text>
        namespace: {allNamespaces ? 'all' : sanitize(info.namespace, true)}
        {readonly ? '  [read-only]' : ''}
        {error ? `  (reconnecting: ${sanitize(error, true)})` : ''}
      </Text>
      <Text bold>NAMESPACES ({names.length})</Text>
      <Box flexDirection="column" flexGrow={1}>
        {shown.map((n) => (
          <Text key={n} color={n === info.namespace ? c('green') : undefined}>
            {sanitize(n, true)}
          </Text>
        ))}
        {names.length > shown.length ? <Text dimColor>… {names.length - shown.length} more</Text> : null}
      </Box>
      <Text dimColor>q quit</Text>
    </Box>
  );
}
