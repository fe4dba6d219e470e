import type { Diagnostic } from '../route/route-types.js';
import { entriesAt, type EntryPoint } from '../route/entry-points.js';
import { entryAddressWords } from './dns-compare.js';
import type { EdgeUpstreamServer } from './edge-types.js';

/** One upstream server and the cluster entry points it reaches (none: not the cluster). */
export interface UpstreamMatch {
  server: EdgeUpstreamServer;
  entries: EntryPoint[];
  diagnostics: Diagnostic[];
}

const unbracket = (host: string) => host.replace(/^\[|\]$/g, '');

/**
 * Matches an upstream's servers to the cluster's entry points by address and port. When none
 * matches, each server that takes traffic is an error (the edge cannot reach the cluster: a
 * stale address); when some do, the others are warnings. `backup` and `down` servers are only
 * information. Without any known entry point nothing can be proved: information too; when kdrill
 * could not see every entry point (`blind` says why), a miss is only a warning.
 */
export function matchUpstream(servers: readonly EdgeUpstreamServer[], entries: readonly EntryPoint[], blind?: string): UpstreamMatch[] {
  const found = servers.map((server) => ({ server, entries: entriesAt(entries, unbracket(server.host), server.port) }));
  const live = found.filter((f) => !f.server.flags.includes('backup') && !f.server.flags.includes('down'));
  const anyLive = live.some((f) => f.entries.length > 0);
  const expects = entryAddressWords(entries);
  return found.map((f) => {
    const diagnostics: Diagnostic[] = [];
    if (f.entries.length === 0) {
      const atAddress = entriesAt(entries, unbracket(f.server.host));
      const ports = [...new Set(atAddress.flatMap((e) => e.ports))].sort((a, b) => a - b);
      const why = atAddress.length
        ? `${f.server.host} is an entry address of the cluster, but not on port ${f.server.port} (ports ${ports.join(', ')})`
        : `${f.server.text} is no entry point of the cluster for this host (it has ${expects})`;
      const spare = f.server.flags.find((x) => x === 'backup' || x === 'down');
      if (entries.length === 0) diagnostics.push({ severity: 'info', code: 'upstream.unchecked', message: `kdrill knows no entry point of the cluster for this host: cannot check ${f.server.text}` });
      else if (spare) diagnostics.push({ severity: 'info', code: 'upstream.stale', message: `${why}; it is marked ${spare}` });
      else if (blind && !anyLive) diagnostics.push({ severity: 'warning', code: 'upstream.unproven', message: `${why}; but kdrill cannot see every entry point (${blind}), so this proves nothing` });
      else if (anyLive) diagnostics.push({ severity: 'warning', code: 'upstream.partly', message: `${why}: the requests nginx sends to it fail (a stale address?)` });
      else diagnostics.push({ severity: 'error', code: 'upstream.stale', message: `${why}: a stale address?` });
    }
    return { ...f, diagnostics };
  });
}
