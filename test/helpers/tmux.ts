import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { waitFor } from './wait.js';

/** Whether tmux can be used on this machine. */
export const hasTmux = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;

/** A program running in a real terminal (a detached tmux session) that tests type into and read. */
export class TmuxSession {
  readonly name = `kdrill-test-${randomBytes(4).toString('hex')}`;

  constructor(command: string, width = 100, height = 30) {
    execFileSync('tmux', ['new-session', '-d', '-s', this.name, '-x', String(width), '-y', String(height), command]);
  }

  /** The visible screen as text. */
  screen(): string {
    return execFileSync('tmux', ['capture-pane', '-p', '-t', this.name], { encoding: 'utf8' });
  }

  /** Sends keys as tmux names them (`q`, `Enter`, `C-c`, or literal text). */
  keys(...keys: string[]): void {
    execFileSync('tmux', ['send-keys', '-t', this.name, ...keys]);
  }

  /** Sends text as one write to the terminal (a paste, or keys faster than they are read): `\r` is Enter. */
  burst(text: string): void {
    execFileSync('tmux', ['send-keys', '-t', this.name, '-l', text]);
  }

  /** Waits until the screen matches, failing with the last screen shown. */
  async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    try {
      return await waitFor(`screen to match ${pattern}`, () => {
        const s = this.screen();
        return pattern.test(s) && s;
      }, timeoutMs);
    } catch (e) {
      throw new Error(`${(e as Error).message}\n--- screen ---\n${this.screen()}`);
    }
  }

  kill(): void {
    spawnSync('tmux', ['kill-session', '-t', this.name], { stdio: 'ignore' });
  }
}
