import type { ContainerEnv } from './container-env.js';
import { COMMANDS, resolvePath, type CommandIO, type FetchResult } from './shell-commands.js';
import { listDirectory } from './container-env.js';

/** What the shell writes to and how it ends. */
export interface ShellHost {
  out(text: string): void;
  err(text: string): void;
  fetch(host: string, port: number, path: string, method: string): Promise<FetchResult>;
  /** The shell (or the command it ran) ended with this status. */
  exit(code: number): void;
}

type Word = { word: string } | { op: ';' | '&&' | '||' | '|' };

/** Splits a command line into words (quotes, `$VAR`, `${VAR}`, `$?` expanded) and the operators between commands. */
export function tokenize(line: string, vars: Record<string, string>): Word[] {
  const out: Word[] = [];
  let cur: string | undefined;
  const push = (s: string) => (cur = (cur ?? '') + s);
  const expand = (i: number): [string, number] => {
    const m = /^\$(?:\{(\w+)\}|(\w+|\?))/.exec(line.slice(i));
    return m ? [vars[m[1] ?? m[2]] ?? '', i + m[0].length] : ['$', i + 1];
  };
  for (let i = 0; i < line.length; ) {
    const ch = line[i];
    if (ch === '#' && cur === undefined) break;
    if (/\s/.test(ch)) {
      if (cur !== undefined) out.push({ word: cur });
      cur = undefined;
      i++;
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      push(line.slice(i + 1, end < 0 ? line.length : end));
      i = end < 0 ? line.length : end + 1;
    } else if (ch === '"') {
      i++;
      let s = '';
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '$') {
          const [v, next] = expand(i);
          s += v;
          i = next;
        } else if (line[i] === '\\' && i + 1 < line.length) (s += line[i + 1], (i += 2));
        else s += line[i++];
      }
      push(s);
      i++;
    } else if (ch === '$') {
      const [v, next] = expand(i);
      push(v);
      i = next;
    } else if (ch === ';' || ch === '|' || ch === '&') {
      if (cur !== undefined) out.push({ word: cur });
      cur = undefined;
      const two = line.slice(i, i + 2);
      const op = two === '&&' || two === '||' ? two : ch === '&' ? ';' : (ch as ';' | '|');
      out.push({ op });
      i += op.length === 2 ? 2 : 1;
    } else if (ch === '\\' && i + 1 < line.length) (push(line[i + 1]), (i += 2));
    else (push(ch), i++);
  }
  if (cur !== undefined) out.push({ word: cur });
  return out;
}

/**
 * A small shell, as `bash` or BusyBox `sh` in a simulated container: a prompt, line editing when
 * it has a terminal (echo, Backspace, Ctrl-C, Ctrl-U, Ctrl-D), and the programs in COMMANDS.
 */
export class MiniShell {
  private line = '';
  private pending = '';
  private busy = false;
  private ended = false;
  private cwd = '/';
  private status = 0;
  private size: { rows: number; cols: number } | undefined;
  // Shells started from the shell (`sh` typed in bash): `exit` leaves the innermost.
  private readonly programs: string[];
  private readonly vars: Record<string, string>;

  constructor(private readonly env: ContainerEnv, program: 'bash' | 'sh', private readonly tty: boolean, private readonly host: ShellHost) {
    this.programs = [program];
    this.vars = { ...env.env, ...(tty ? { TERM: 'xterm' } : {}), PWD: '/', '0': program };
  }

  private get program(): string {
    return this.programs[this.programs.length - 1];
  }

  /** The prompt: bash's `root@host:/# `, BusyBox's `/ # ` (`$ ` for a user who is not root). */
  prompt(): string {
    const mark = this.env.root ? '#' : '$';
    return this.program === 'bash' ? `${this.env.root ? 'root' : 'nobody'}@${this.env.hostname}:${this.cwd}${mark} ` : `${this.cwd} ${mark} `;
  }

  /** The terminal was resized (channel 4). */
  resize(cols: number, rows: number): void {
    this.size = { rows, cols };
  }

  /** Starts an interactive session (a prompt when there is a terminal). */
  start(): void {
    if (this.tty) this.host.out(this.prompt());
  }

  /** Keys or lines from stdin. */
  input(data: string): void {
    if (this.ended) return;
    this.pending += data;
    void this.drain();
  }

  /** stdin closed: the shell ends as `sh` does at end of input. */
  endInput(): void {
    if (this.ended) return;
    if (!this.tty && this.line) this.pending += '\n';
    this.pending += '\u0004';
    void this.drain();
  }

  /** Runs `sh -c SCRIPT`: the script's status is the shell's. */
  async runScript(script: string): Promise<void> {
    await this.runLine(script);
    this.finish(this.status);
  }

  private finish(code: number): void {
    if (this.ended) return;
    this.ended = true;
    this.host.exit(code);
  }

  private async drain(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.pending && !this.ended) {
        const ch = this.pending[0];
        this.pending = this.pending.slice(1);
        await this.key(ch);
      }
    } finally {
      this.busy = false;
    }
  }

  private async key(ch: string): Promise<void> {
    if (ch === '\r' || ch === '\n') {
      if (this.tty) this.host.out('\r\n');
      const line = this.line;
      this.line = '';
      await this.runLine(line);
      if (!this.ended && this.tty) this.host.out(this.prompt());
    } else if (ch === '\u0004') {
      if (this.line) return;
      if (this.tty) this.host.out('exit\r\n');
      this.exitShell(this.status);
    } else if (ch === '\u0003') {
      this.line = '';
      if (this.tty) this.host.out(`^C\r\n${this.prompt()}`);
    } else if (ch === '\u0015') {
      if (this.tty) this.host.out('\b \b'.repeat(this.line.length));
      this.line = '';
    } else if (ch === '\u007f' || ch === '\b') {
      if (!this.line) return;
      this.line = this.line.slice(0, -1);
      if (this.tty) this.host.out('\b \b');
    } else if (ch === '\u001b') {
      // Arrow and function keys: the sequence is dropped (no history in this shell).
      const m = /^(\[[0-9;]*[A-Za-z~]|O[A-Za-z])/.exec(this.pending);
      if (m) this.pending = this.pending.slice(m[0].length);
    } else if (ch >= ' ') {
      this.line += ch;
      if (this.tty) this.host.out(ch);
    }
  }

  private exitShell(code: number): void {
    if (this.programs.length > 1) {
      this.programs.pop();
      this.vars['0'] = this.program;
      this.status = code;
      return;
    }
    this.finish(code);
  }

  private async runLine(line: string): Promise<void> {
    const words = tokenize(line, { ...this.vars, '?': String(this.status) });
    let argv: string[] = [];
    let skip = false;
    for (const w of [...words, { op: ';' as const }]) {
      if ('word' in w) {
        argv.push(w.word);
        continue;
      }
      if (w.op === '|') {
        this.host.err(`${this.program}: pipes are not supported by kdrill's simulated shell\n`);
        this.status = 2;
        return;
      }
      if (argv.length && !skip) this.status = await this.run(argv);
      if (this.ended) return;
      argv = [];
      skip = (w.op === '&&' && this.status !== 0) || (w.op === '||' && this.status === 0);
    }
  }

  private async run(argv: string[]): Promise<number> {
    const [name, ...args] = argv;
    const bare = name.replace(/^\/(usr\/)?bin\//, '');
    if (bare === 'exit') {
      this.exitShell(args[0] !== undefined ? Number(args[0]) & 255 : this.status);
      return this.status;
    }
    if (bare === 'cd') {
      const to = resolvePath(this.cwd, args[0] ?? this.vars.HOME ?? '/');
      if (!listDirectory(this.env.files, to) && to !== '/') return this.host.err(`${this.program}: cd: ${args[0]}: No such file or directory\n`), 1;
      this.cwd = this.vars.PWD = to;
      return 0;
    }
    if (bare === 'export') {
      for (const a of args) {
        const [k, ...v] = a.split('=');
        if (v.length) this.vars[k] = v.join('=');
      }
      return 0;
    }
    if (bare === 'sh' || bare === 'bash') {
      if (bare === 'bash' && this.env.shells !== 'bash') return this.notFound(name);
      if (args[0] === '-c') return this.nested(bare, args[1] ?? '');
      this.programs.push(bare);
      this.vars['0'] = bare;
      return 0;
    }
    const command = COMMANDS[bare];
    if (!command) return this.notFound(name);
    const io: CommandIO = { env: this.env, vars: this.vars, cwd: this.cwd, tty: this.tty, size: this.size, gnu: this.env.shells === 'bash', out: (t) => this.host.out(t), err: (t) => this.host.err(t), fetch: this.host.fetch };
    return await command(args, io);
  }

  private async nested(program: 'sh' | 'bash', script: string): Promise<number> {
    const depth = this.programs.length;
    this.programs.push(program);
    await this.runLine(script);
    this.programs.length = depth;
    this.vars['0'] = this.program;
    return this.status;
  }

  /** Runs one program (exec of `hostname`, `ls /`...): its status ends the session. */
  async runCommand(argv: string[]): Promise<void> {
    this.status = await this.run(argv);
    this.finish(this.status);
  }

  private notFound(name: string): number {
    this.host.err(this.program === 'bash' ? `bash: ${name}: command not found\n` : `${this.program}: ${name}: not found\n`);
    return 127;
  }
}
