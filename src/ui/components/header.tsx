import { Box } from 'ink';
import { Text } from './text.js';
import { useSyncExternalStore } from 'react';
import type { CacheState } from '../../kube/watch-cache.js';
import { sanitize } from '../../model/sanitize.js';
import { useSession } from '../cluster-context.js';
import { accent, headerColor, useTheme } from '../theme.js';
import { snapshotBanner } from '../../model/snapshot/snapshot-manifest.js';

/** One word for a cache's state, for the status line. */
export function stateText(state: CacheState, now: number): string | undefined {
  if (state.phase === 'synced' || state.phase === 'stopped') return undefined;
  if (state.phase === 'syncing') return 'syncing';
  if (state.phase === 'forbidden') return 'forbidden';
  return `reconnecting in ${Math.max(0, Math.ceil((state.retryAt - now) / 1000))}s (${state.reason})`;
}

/** Context, server, user, namespace, version, and the state of every watched kind. */
export function Header({ version, namespace, readonly, width }: { version: string; namespace: string | undefined; readonly: boolean; width: number }) {
  const session = useSession();
  const theme = useTheme();
  useSyncExternalStore(session.caches.subscribe, () => session.caches.caches().map((c) => c.getVersion()).join(','));
  useSyncExternalStore(session.discovery.subscribe, session.discovery.getVersion);
  const now = Date.now();
  // What permissions limit is one short phrase, not a list of refused kinds; other states per kind.
  const access = session.accessNote();
  const problems = session.caches
    .caches()
    .filter((c) => c.getState().phase !== 'forbidden')
    .map((c) => [c.resource.resource, stateText(c.getState(), now)] as const)
    .filter(([, s]) => s)
    .map(([r, s]) => `${r}: ${s}`);
  if (access) problems.unshift(access);
  // Kinds of a group whose discovery failed are missing until it recovers (retried with back-off).
  const groups = [...session.discovery.unavailable.keys()];
  if (groups.length) problems.unshift(`unavailable: ${groups.join(', ')}`);
  const info = session.info;
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        <Text bold color={headerColor(theme)}>kdrill {version}</Text>
        {session.snapshot ? (
          <Text color={accent(theme, 'yellow')}>{`  ${sanitize(snapshotBanner(session.snapshot), true)}  read-only`}</Text>
        ) : (
          `  ctx ${sanitize(info.context, true)}  ${sanitize(info.server, true)}  user ${sanitize(info.user, true)}`
        )}
      </Text>
      <Text wrap="truncate">
        {`ns ${namespace === undefined ? 'all' : sanitize(namespace, true)}${readonly ? '  [read-only]' : ''}  `}
        {problems.length ? <Text color={accent(theme, 'yellow')}>{sanitize(problems.join('  '), true)}</Text> : <Text dimColor>{`watching ${session.caches.caches().length} kinds, in sync`}</Text>}
      </Text>
    </Box>
  );
}
