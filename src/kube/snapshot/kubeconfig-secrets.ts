import { readFileSync } from 'node:fs';
import type { KubeConfig } from '@kubernetes/client-node';

/**
 * The credentials of a kubeconfig's current user, as text that must never reach a snapshot: tokens,
 * passwords, keys, and the bearer token an exec plugin or OIDC provider hands out now.
 */
export async function kubeconfigSecrets(kc: KubeConfig): Promise<string[]> {
  const user = kc.getCurrentUser() as (Record<string, any> & { authProvider?: { config?: Record<string, string> } }) | null;
  if (!user) return [];
  const out: string[] = [];
  const add = (v: unknown) => {
    if (typeof v === 'string' && v) out.push(v);
  };
  add(user.token);
  add(user.password);
  add(user.keyData);
  if (typeof user.keyData === 'string') add(Buffer.from(user.keyData, 'base64').toString('utf8'));
  for (const file of [user.keyFile, user.tokenFile]) {
    try {
      if (typeof file === 'string' && file) add(readFileSync(file, 'utf8').trim());
    } catch {
      // An unreadable file cannot leak either.
    }
  }
  for (const v of Object.values(user.authProvider?.config ?? {})) add(v);
  try {
    const opts: { headers: Record<string, unknown>; auth?: string } = { headers: {} };
    await kc.applyToHTTPSOptions(opts);
    add(String(opts.headers.Authorization ?? '').replace(/^(Bearer|Basic)\s+/i, ''));
    // Basic auth goes as `user:password` (node writes the header from it).
    if (opts.auth) (add(opts.auth), add(Buffer.from(opts.auth).toString('base64')));
  } catch {
    // No credentials to be had now: none to leak either (the capture fails on its own).
  }
  return out;
}
