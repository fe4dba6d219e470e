import { request } from 'node:http';
import { kubeconfigExtension } from './kubeconfig-extension.js';

/** The kubeconfig cluster extension (written by `kdrill sim`) naming where the simulator lists the loopback stand-ins of its fake addresses. */
export const STAND_INS_EXTENSION = 'kdrill.dev/stand-ins';

/** A loopback listener standing in for a fake address. */
export interface StandInAddress {
  host: string;
  port: number;
}

/** The stand-ins URL a kubeconfig's current (or given) context's cluster names, if any. */
export function kubeconfigStandInsUrl(files: readonly string[], context?: string): string | undefined {
  const url = kubeconfigExtension(files, STAND_INS_EXTENSION, context)?.url;
  return typeof url === 'string' ? url : undefined;
}

/** Reads the stand-ins map from a simulator (only from a loopback URL); an empty map when it cannot. */
export function fetchStandIns(url: string, timeoutMs = 2_000): Promise<Map<string, StandInAddress>> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return Promise.resolve(new Map());
  }
  if (u.protocol !== 'http:' || !/^127\./.test(u.hostname)) return Promise.resolve(new Map());
  return new Promise((resolve) => {
    const req = request(u, { timeout: timeoutMs, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c) => (body += c)).on('end', () => {
        try {
          const parsed = JSON.parse(body) as Record<string, StandInAddress>;
          resolve(new Map(Object.entries(parsed).filter(([, v]) => typeof v?.host === 'string' && /^127\./.test(v.host) && Number.isInteger(v.port))));
        } catch {
          resolve(new Map());
        }
      });
    });
    req.on('timeout', () => req.destroy()).on('error', () => resolve(new Map())).end();
  });
}
