import { appendFileSync } from 'node:fs';
import type { KubeConfig } from '@kubernetes/client-node';
import { UsageError } from '../errors.js';

/** How much `--log-file` records. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

// Fields that hold credentials by name: never written, whatever they contain.
const SECRET_FIELDS = /token|password|secret|key|authorization|credential|cert/i;

/**
 * kdrill's own log (`--log-file FILE --log-level LEVEL`): one JSON object a line. Credentials
 * never reach it: fields named like credentials are dropped, and the kubeconfig's tokens and
 * passwords are cut out of every string.
 */
export class LogFile {
  private secrets: string[] = [];

  constructor(
    private readonly path: string | undefined,
    private readonly level: LogLevel = 'info',
  ) {}

  /** Learns the credentials of a kubeconfig, so that they are cut out of whatever is logged. */
  forget(kc: KubeConfig): void {
    for (const u of kc.getUsers()) {
      const values = [u.token, u.password, u.keyData, u.certData].filter((v): v is string => typeof v === 'string' && v.length >= 4);
      this.secrets.push(...values);
    }
  }

  debug(msg: string, fields: Record<string, unknown> = {}): void {
    this.write('debug', msg, fields);
  }

  info(msg: string, fields: Record<string, unknown> = {}): void {
    this.write('info', msg, fields);
  }

  warn(msg: string, fields: Record<string, unknown> = {}): void {
    this.write('warn', msg, fields);
  }

  error(msg: string, fields: Record<string, unknown> = {}): void {
    this.write('error', msg, fields);
  }

  private write(level: LogLevel, msg: string, fields: Record<string, unknown>): void {
    if (!this.path || RANK[level] < RANK[this.level]) return;
    const clean = Object.fromEntries(Object.entries(fields).filter(([k]) => !SECRET_FIELDS.test(k)).map(([k, v]) => [k, typeof v === 'string' ? this.scrub(v) : v]));
    const line = JSON.stringify({ time: new Date().toISOString(), level, msg: this.scrub(msg), ...clean });
    try {
      appendFileSync(this.path, `${line}\n`, { mode: 0o600 });
    } catch {
      // A log that cannot be written must not take kdrill down with it.
    }
  }

  private scrub(text: string): string {
    return this.secrets.reduce((t, s) => t.split(s).join('<redacted>'), text);
  }
}

/** Reads `--log-level`, or throws the message a usage error needs. */
export function parseLogLevel(value: string | undefined): LogLevel {
  if (value === undefined) return 'info';
  if (value in RANK) return value as LogLevel;
  throw new Error(`--log-level must be debug, info, warn or error, not "${value}"`);
}

/** Logs every change of a watch cache's state (reconnecting with the reason, forbidden, back in sync); returns the unsubscribe. */
export function logCacheStates(caches: { subscribe(l: () => void): () => void; caches(): { id: string; getState(): { phase: string; reason?: string } }[] }, log: LogFile): () => void {
  const last = new Map<string, string>();
  return caches.subscribe(() => {
    for (const c of caches.caches()) {
      const s = c.getState();
      if (last.get(c.id) === s.phase) continue;
      last.set(c.id, s.phase);
      const fields = { cache: c.id, phase: s.phase, ...(s.reason ? { reason: s.reason } : {}) };
      if (s.phase === 'reconnecting' || s.phase === 'forbidden') log.warn('watch cache', fields);
      else log.debug('watch cache', fields);
    }
  });
}

/** kdrill's own log, as the flags ask (none without `--log-file`). */
export function logFileOf(flags: { 'log-file'?: string; 'log-level'?: string }): LogFile {
  try {
    return new LogFile(flags['log-file'], parseLogLevel(flags['log-level']));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
