import { once } from 'node:events';
import { createWriteStream, mkdirSync, writeFileSync, type WriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { createGzip, type Gzip } from 'node:zlib';
import { TAR_END, tarHeader, tarPadding } from '../../model/snapshot/ustar.js';

/** Where a snapshot's files go, one at a time as they are made: a directory or a .tar.gz. */
export interface SnapshotSink {
  /** Writes one file (`objects/pods.yaml`); credentials of the kubeconfig are scrubbed from it first. */
  write(path: string, text: string): Promise<void>;
  /** Finishes the archive (or nothing, for a directory). */
  close(): Promise<void>;
  /** Where it writes, for messages. */
  readonly target: string;
}

/**
 * Takes the kubeconfig's credentials out of text (a last line of defence: no file of a snapshot
 * may hold them, even where a server echoes one back). Values shorter than 8 characters are not
 * credentials anyone could use, and replacing them would mangle ordinary words.
 */
export function scrubber(secrets: readonly string[]): (text: string) => string {
  const long = [...new Set(secrets.filter((s) => s.length >= 8))].sort((a, b) => b.length - a.length);
  return (text) => long.reduce((t, s) => (t.includes(s) ? t.split(s).join('<redacted>') : t), text);
}

class DirSink implements SnapshotSink {
  constructor(readonly target: string, private readonly scrub: (t: string) => string) {
    mkdirSync(target, { recursive: true });
  }

  async write(path: string, text: string): Promise<void> {
    const file = join(this.target, ...path.split('/'));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, this.scrub(text), { mode: 0o600 });
  }

  async close(): Promise<void> {}
}

class TarGzSink implements SnapshotSink {
  private readonly gzip: Gzip = createGzip();
  private readonly out: WriteStream;
  private readonly done: Promise<unknown>;

  constructor(readonly target: string, private readonly scrub: (t: string) => string, private readonly mtimeMs: number) {
    mkdirSync(dirname(target), { recursive: true });
    this.out = createWriteStream(target, { mode: 0o600 });
    this.done = once(this.out, 'finish');
    this.gzip.pipe(this.out);
  }

  async write(path: string, text: string): Promise<void> {
    const data = Buffer.from(this.scrub(text), 'utf8');
    await this.push(tarHeader(path, data.length, this.mtimeMs));
    await this.push(data);
    await this.push(tarPadding(data.length));
  }

  private async push(chunk: Buffer): Promise<void> {
    if (chunk.length && !this.gzip.write(chunk)) await once(this.gzip, 'drain');
  }

  async close(): Promise<void> {
    this.gzip.end(TAR_END);
    await this.done;
  }
}

/** A sink for `-o`: a `.tar.gz` (or `.tgz`) file, else a directory. */
export function openSink(target: string, secrets: readonly string[], mtimeMs: number): SnapshotSink {
  const scrub = scrubber(secrets);
  return /\.(tar\.gz|tgz)$/.test(target) ? new TarGzSink(target, scrub, mtimeMs) : new DirSink(target, scrub);
}
