import { listDirectory, type ContainerEnv } from './container-env.js';

/** What fetching from one of the pod's own ports gives: an answer, or why the connection failed. */
export type FetchResult = { status: number; statusText: string; headers: Record<string, string>; body: string } | { failure: 'refused' | 'timeout' | 'unresolved' };

/** What a command run in the simulated container can use. */
export interface CommandIO {
  env: ContainerEnv;
  /** The shell's variables (the container's environment, plus exports). */
  vars: Record<string, string>;
  cwd: string;
  tty: boolean;
  /** The terminal's size as the client last sent it (channel 4), when there is a terminal. */
  size?: { rows: number; cols: number };
  /** GNU coreutils wording (a Debian image) or BusyBox's. */
  gnu: boolean;
  out(text: string): void;
  err(text: string): void;
  fetch(host: string, port: number, path: string, method: string): Promise<FetchResult>;
}

/** A command: arguments in, exit status out. */
export type Command = (args: string[], io: CommandIO) => number | Promise<number>;

/** An absolute path for `path` seen from `cwd`, with `.` and `..` resolved. */
export function resolvePath(cwd: string, path: string): string {
  const parts: string[] = [];
  for (const p of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return `/${parts.join('/')}`;
}

function ls(args: string[], io: CommandIO): number {
  const paths = args.filter((a) => !a.startsWith('-'));
  const all = args.some((a) => /^-\w*a/.test(a));
  let status = 0;
  for (const p of paths.length ? paths : ['.']) {
    const abs = resolvePath(io.cwd, p);
    if (io.env.files.has(abs)) {
      io.out(`${p}\n`);
      continue;
    }
    const names = listDirectory(io.env.files, abs);
    if (!names) {
      io.err(io.gnu ? `ls: cannot access '${p}': No such file or directory\n` : `ls: ${p}: No such file or directory\n`);
      status = io.gnu ? 2 : 1;
      continue;
    }
    if (paths.length > 1) io.out(`${p}:\n`);
    const shown = [...(all ? ['.', '..'] : []), ...names.map((n) => n.replace(/\/$/, ''))];
    if (shown.length) io.out(io.tty ? `${shown.join('  ')}\n` : shown.map((n) => `${n}\n`).join(''));
  }
  return status;
}

function cat(args: string[], io: CommandIO): number {
  let status = 0;
  for (const p of args) {
    const abs = resolvePath(io.cwd, p);
    const text = io.env.files.get(abs);
    if (text !== undefined) io.out(text);
    else {
      io.err(listDirectory(io.env.files, abs) ? `cat: ${p}: Is a directory\n` : `cat: ${p}: No such file or directory\n`);
      status = 1;
    }
  }
  return status;
}

function ps(_args: string[], io: CommandIO): number {
  const user = io.env.root ? 'root' : 'nobody';
  const row = (pid: number, cmd: string) => `${String(pid).padStart(5)} ${user.padEnd(8)}  0:00 ${cmd}\n`;
  io.out(`PID   USER     TIME  COMMAND\n${row(1, io.env.mainProcess)}${row(7, io.vars['0'] ?? 'sh')}${row(13, 'ps')}`);
  return 0;
}

/** `http://host:port/path`, `host:port`, `host`: the parts curl and wget connect with. */
function parseUrl(url: string): { host: string; port: number; path: string } | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([/?][^#]*)?$/.exec(url);
  if (!m) return undefined;
  return { host: m[2], port: m[3] ? Number(m[3]) : m[1] === 'https' ? 443 : 80, path: m[4] ? (m[4].startsWith('?') ? `/${m[4]}` : m[4]) : '/' };
}

async function curl(args: string[], io: CommandIO): Promise<number> {
  const url = args.filter((a, i) => !a.startsWith('-') && !['-o', '-X', '-H'].includes(args[i - 1] ?? ''))[0];
  const flags = args.filter((a) => /^-[a-zA-Z]+$/.test(a)).join('');
  const head = flags.includes('I');
  const method = head ? 'HEAD' : (args[args.indexOf('-X') + 1] && args.includes('-X') ? args[args.indexOf('-X') + 1] : 'GET');
  if (!url) return io.err("curl: try 'curl --help' for more information\n"), 2;
  const u = parseUrl(url);
  if (!u) return io.err(`curl: (3) URL rejected: Malformed input to a URL function\n`), 3;
  const r = await io.fetch(u.host, u.port, u.path, method);
  if ('failure' in r) {
    if (r.failure === 'unresolved') return io.err(`curl: (6) Could not resolve host: ${u.host}\n`), 6;
    if (r.failure === 'timeout') return io.err(`curl: (28) Failed to connect to ${u.host} port ${u.port} after 10000 ms: Timeout was reached\n`), 28;
    return io.err(`curl: (7) Failed to connect to ${u.host} port ${u.port} after 0 ms: Couldn't connect to server\n`), 7;
  }
  if (flags.includes('f') && r.status >= 400) return io.err(`curl: (22) The requested URL returned error: ${r.status}\n`), 22;
  if (flags.includes('i') || head) io.out(`HTTP/1.1 ${r.status} ${r.statusText}\r\n${Object.entries(r.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`);
  io.out(r.body);
  return 0;
}

async function wget(args: string[], io: CommandIO): Promise<number> {
  const url = args.filter((a, i) => !a.startsWith('-') && args[i - 1] !== '-O')[0];
  const toStdout = args.includes('-O-') || args.includes('-qO-') || (args.includes('-O') && args[args.indexOf('-O') + 1] === '-');
  const quiet = args.some((a) => /^-\w*q/.test(a));
  const u = url ? parseUrl(url) : undefined;
  if (!u) return io.err('BusyBox v1.36.1 multi-call binary.\n\nUsage: wget [-cqS] [-O FILE] URL\n'), 1;
  if (!quiet) io.err(`Connecting to ${u.host}:${u.port} (${u.host}:${u.port})\n`);
  const r = await io.fetch(u.host, u.port, u.path, 'GET');
  if ('failure' in r) {
    io.err(r.failure === 'unresolved' ? `wget: bad address '${u.host}:${u.port}'\n` : r.failure === 'timeout' ? 'wget: download timed out\n' : `wget: can't connect to remote host (${u.host}): Connection refused\n`);
    return 1;
  }
  if (r.status >= 400) return io.err(`wget: server returned error: HTTP/1.1 ${r.status} ${r.statusText}\n`), 1;
  if (toStdout) {
    io.out(r.body);
    return 0;
  }
  const name = u.path.split('?')[0].split('/').pop() || 'index.html';
  io.env.files.set(resolvePath(io.cwd, name), r.body);
  if (!quiet) io.err(`saving to '${name}'\n${name}          100% |********************************| ${Buffer.byteLength(r.body)}  0:00:00 ETA\n'${name}' saved\n`);
  return 0;
}

/** The programs every simulated container with a shell has (BusyBox or coreutils, curl and wget). */
export const COMMANDS: Record<string, Command> = {
  hostname: (_a, io) => (io.out(`${io.env.hostname}\n`), 0),
  env: (_a, io) => (io.out(Object.entries(io.vars).filter(([k]) => !/^[0-9?]$/.test(k)).map(([k, v]) => `${k}=${v}\n`).join('')), 0),
  printenv: (a, io) => (a.length ? (a.every((k) => k in io.vars) ? (io.out(a.map((k) => `${io.vars[k]}\n`).join('')), 0) : 1) : COMMANDS.env(a, io)),
  echo: (a, io) => (a[0] === '-n' ? io.out(a.slice(1).join(' ')) : io.out(`${a.join(' ')}\n`), 0),
  ls,
  cat,
  ps,
  curl,
  wget,
  pwd: (_a, io) => (io.out(`${io.cwd}\n`), 0),
  whoami: (_a, io) => (io.out(io.env.root ? 'root\n' : 'nobody\n'), 0),
  id: (_a, io) => (io.out(io.env.root ? 'uid=0(root) gid=0(root) groups=0(root)\n' : 'uid=65534(nobody) gid=65534(nobody) groups=65534(nobody)\n'), 0),
  uname: (a, io) => (io.out(a.includes('-a') ? `Linux ${io.env.hostname} 6.1.0-kdrill-sim #1 SMP x86_64 GNU/Linux\n` : 'Linux\n'), 0),
  stty: (a, io) => {
    if (!io.tty || !io.size) return io.err('stty: standard input: Not a tty\n'), 1;
    if (a[0] === 'size') io.out(`${io.size.rows} ${io.size.cols}\n`);
    return 0;
  },
  true: () => 0,
  false: () => 1,
  clear: (_a, io) => (io.out('\u001b[H\u001b[2J'), 0),
};
