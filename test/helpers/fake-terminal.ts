import { EventEmitter } from 'node:events';

/** An in-memory terminal Ink renders into; every write is a frame. */
export class FakeStdout extends EventEmitter {
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }
  isTTY = true;
  frames = 0;
  last = '';
  write(chunk: string): boolean {
    this.frames++;
    // Ink also writes bare control sequences (cursor shown or hidden): `last` keeps the last frame.
    if (chunk.includes('\n')) this.last = chunk;
    this.emit('frame', chunk);
    return true;
  }
}

/** An in-memory keyboard: `type` queues keys for Ink to read. */
export class FakeStdin extends EventEmitter {
  isTTY = true;
  private queue: string[] = [];
  setRawMode() {}
  setEncoding() {}
  ref() {}
  unref() {}
  resume() {}
  pause() {}
  read(): string | null {
    return this.queue.shift() ?? null;
  }
  type(data: string) {
    this.queue.push(data);
    this.emit('readable');
  }
}
