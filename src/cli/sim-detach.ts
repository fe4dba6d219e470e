import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, readdirSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { CliError } from '../errors.js';

/** Where a detached simulator records its process id: beside its kubeconfig. */
export const pidFileOf = (kubeconfig: string) => `${kubeconfig}.pid`;

/** Where a detached simulator writes what it says (stderr): beside its kubeconfig. */
export const logFileOf = (kubeconfig: string) => `${kubeconfig}.log`;

/** Records the serving process's id beside its kubeconfig (a detached simulator, so that `--stop` finds it). */
export function writePidFile(kubeconfig: string): void {
  writeFileSync(pidFileOf(kubeconfig), `${process.pid}\n`, { mode: 0o600 });
}

/**
 * `kdrill sim --detach`: starts the simulator in the background, waits until it serves, prints the
 * kubeconfig path (stdout, alone, for `$(...)`) and how to stop it (stderr), and returns.
 */
export async function detachSim(args: string[], kubeconfigOut: string | undefined): Promise<number> {
  const file = kubeconfigOut ?? join(mkdtempSync(join(tmpdir(), 'kdrill-sim-')), 'kubeconfig');
  const log = openSync(logFileOf(file), 'w', 0o600);
  const rest = args.filter((a) => a !== '--detach');
  const child = spawn(process.execPath, [process.argv[1], 'sim', ...rest, ...(kubeconfigOut ? [] : ['--kubeconfig-out', file]), '--serve-detached'], {
    detached: true,
    stdio: ['ignore', 'pipe', log],
  });
  closeSync(log);
  // The first line the server prints is the kubeconfig path, once it serves.
  const ready = await new Promise<boolean>((resolve) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(true);
    });
    child.once('exit', () => resolve(false));
    child.once('error', () => resolve(false));
  });
  child.stdout!.destroy();
  if (!ready) {
    const said = existsSync(logFileOf(file)) ? readFileSync(logFileOf(file), 'utf8').trim() : '';
    throw new CliError(`the simulator did not start${said ? `: ${said}` : ''}`);
  }
  child.unref();
  process.stdout.write(file + '\n');
  process.stderr.write(`kdrill sim: serving in the background (pid ${child.pid}, log ${logFileOf(file)}); stop it with: KUBECONFIG=${file} kdrill sim --stop\n`);
  return 0;
}

/**
 * `kdrill sim --stop`: stops the detached simulator whose kubeconfig is `file` (its pid is beside
 * it), waits for it to exit, and removes what it left (its temporary directory, when it made one).
 */
export async function stopSim(file: string | undefined): Promise<number> {
  if (!file) throw new CliError('kdrill sim --stop: which simulator? set KUBECONFIG to the path kdrill sim --detach printed, or pass --kubeconfig-out FILE', 2);
  const pidFile = pidFileOf(file);
  if (!existsSync(pidFile)) throw new CliError(`no detached simulator serves ${file} (no ${pidFile})`);
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) throw new CliError(`${pidFile} does not hold a process id`);
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (alive()) process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 200 && alive(); i++) await delay(50);
  if (alive()) throw new CliError(`the simulator (pid ${pid}) did not stop within 10 s`);
  for (const f of [pidFile, logFileOf(file), file]) rmSync(f, { force: true });
  // A directory kdrill sim --detach made for itself goes too, once empty.
  const dir = dirname(file);
  if (basename(dir).startsWith('kdrill-sim-') && existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
  process.stderr.write(`kdrill sim: stopped pid ${pid}\n`);
  return 0;
}
