import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { waitFor } from './wait.js';

/** Whether tmux can be used on this machine. */
export const hasTmux = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;

/**
 * A program running in a real terminal (a detached tmux session) that tests type into and read.
 * Each session has its own tmux server (its own socket): on one shared server, a session that
 * ends as the last one stops the server while a parallel test's `new-session` is connecting to
 * it, and that test fails with "server exited unexpectedly".
 */
export class TmuxSession {
  readonly name = `kdrill-test-${randomBytes(4).toString('hex')}`;

  constructor(command: string, width = 100, height = 30) {
    this.tmux('new-session', '-d', '-s', this.name, '-x', String(width), '-y', String(height), command);
  }

  /** Runs a tmux command on this session's own server; `-t` must be given by the caller. */
  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.name, ...args], { encoding: 'utf8' });
  }

  /** The visible screen as text. */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', this.name);
  }

  /** Sends keys as tmux names them (`q`, `Enter`, `C-c`, or literal text). */
  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', this.name, ...keys);
  }

  /** Sends text as one write to the terminal (a paste, or keys faster than they are read): `\r` is Enter. */
  burst(text: string): void {
    this.tmux('send-keys', '-t', this.name, '-l', text);
  }

  /** Resizes the terminal, as a user dragging the window does. */
  resize(width: number, height: number): void {
    this.tmux('resize-window', '-t', this.name, '-x', String(width), '-y', String(height));
  }

  /** The pid of the program in the pane (kdrill's shell, or kdrill). */
  panePid(): number {
    return Number(this.tmux('display', '-p', '-t', this.name, '#{pane_pid}').trim());
  }

  /**
   * Waits until the screen matches, failing with the last screen shown. A capture can fall while
   * the program is writing a frame (new lines above, the old frame's below): a match counts once
   * the next capture shows the same screen, so that what the caller asserts next is one frame.
   */
  async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    try {
      return await waitFor(`screen to match ${pattern}`, () => {
        const s = this.screen();
        return pattern.test(s) && this.screen() === s && s;
      }, timeoutMs);
    } catch (e) {
      throw new Error(`${(e as Error).message}\n--- screen ---\n${this.screen()}`);
    }
  }

  kill(): void {
    spawnSync('tmux', ['-L', this.name, 'kill-server'], { stdio: 'ignore' });
  }
}
