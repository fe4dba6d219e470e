import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import yaml from 'js-yaml';

/** The kubeconfig cluster extension (written by `kdrill sim`) naming where the simulator lists the loopback stand-ins of its fake addresses. */
export const STAND_INS_EXTENSION = 'kdrill.dev/stand-ins';

/** A loopback listener standing in for a fake address. */
export interface StandInAddress {
  host: string;
  port: number;
}

/** The stand-ins URL a kubeconfig's current (or given) context's cluster names, if any (client-node drops extensions, so the files are read here). */
export function kubeconfigStandInsUrl(files: readonly string[], context?: string): string | undefined {
  const docs = files.flatMap((f) => {
    try {
      const d = yaml.load(readFileSync(f, 'utf8'));
      return d && typeof d === 'object' ? [d as Record<string, any>] : [];
    } catch {
      return [];
    }
  });
  const current = context ?? docs.map((d) => d['current-context']).find((c) => typeof c === 'string' && c);
  const ctx = docs.flatMap((d) => (Array.isArray(d.contexts) ? d.contexts : [])).find((c: any) => c?.name === current);
  const cluster = docs.flatMap((d) => (Array.isArray(d.clusters) ? d.clusters : [])).find((c: any) => c?.name === ctx?.context?.cluster);
  const ext = (Array.isArray(cluster?.cluster?.extensions) ? cluster.cluster.extensions : []).find((e: any) => e?.name === STAND_INS_EXTENSION);
  const url = ext?.extension?.url;
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
