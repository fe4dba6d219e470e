import { CliError } from '../errors.js';
import { ApiError } from './api-error.js';
import type { KubeTransport } from './transport.js';

// For each kind of failure: what to say (with the server and cause) and what to try.
const ADVICE: Partial<Record<ApiError['kind'], (server: string, cause: string, user: string) => [string, string]>> = {
  unreachable: (s, c) => [`cannot reach the API server at ${s}: ${c}`, 'check that the cluster is up and that the kubeconfig points at it (kubectl cluster-info)'],
  timeout: (s) => [`the API server at ${s} did not answer`, 'check the network path to the cluster (VPN, proxy, firewall)'],
  tls: (s, c) => [`TLS failure talking to ${s}: ${c}`, "check the cluster's certificate-authority in the kubeconfig"],
  unauthorized: (s) => [`the API server at ${s} rejected the credentials (401 Unauthorized); the token may have expired`, 'log in again, e.g. refresh your cloud CLI credentials'],
  credentials: (_s, c, u) => [`the credentials of user "${u}" could not be obtained: ${c}`, 'check users[].user.exec or auth-provider in the kubeconfig, and that the plugin is installed'],
  forbidden: (s, c) => [`the API server at ${s} refused access: ${c}`, 'ask for permission to read the cluster (kubectl auth can-i list pods)'],
};

/** Checks that the API server answers with these credentials; each failure becomes one CliError line with a hint. */
export async function checkConnection(transport: KubeTransport, user: string, timeoutMs = 10_000): Promise<{ gitVersion: string }> {
  try {
    return await transport.json({ path: '/version', idleTimeoutMs: timeoutMs });
  } catch (e) {
    const err = e instanceof ApiError ? e : new ApiError('other', String(e));
    // Plugins and servers can answer with several lines; the message must stay one.
    const cause = err.message.trim().split(/\s*\n\s*/).filter(Boolean).join('; ').slice(0, 300);
    const advice = ADVICE[err.kind]?.(transport.server, cause, user) ?? [`the API server at ${transport.server} failed: ${cause}`, 'check the cluster and the kubeconfig'];
    throw new CliError(advice[0], 1, advice[1]);
  }
}
