import { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { KubeObject } from '../../model/types.js';
import { serveConnection } from '../app/container-http.js';
import type { ImageCatalog } from '../images.js';
import { sendOn } from './stream-channels.js';

/**
 * One port-forward connection (portforward.k8s.io over WebSocket, v4 channels): each port has a data
 * channel (2i) and an error channel (2i+1), each opened by the port number (two bytes, little-endian);
 * the bytes on the data channel are a TCP connection to the pod's port, answered by its container.
 */
export function forwardPorts(ws: WebSocket, images: ImageCatalog, pod: () => KubeObject | undefined, ports: number[]): void {
  const streams: Duplex[] = [];
  ports.forEach((port, i) => {
    const prefix = Buffer.from([port & 0xff, port >> 8]);
    sendOn(ws, 2 * i, prefix);
    sendOn(ws, 2 * i + 1, prefix);
    const stream = new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, done) {
        sendOn(ws, 2 * i, chunk);
        done();
      },
      final(done) {
        ws.close(1000);
        done();
      },
    });
    stream.on('error', () => ws.close(1000));
    streams[i] = stream;
    const target = pod();
    const failure = target ? serveConnection(images, target, port, stream) : 'pod not found';
    if (failure) {
      sendOn(ws, 2 * i + 1, `error forwarding port ${port} to pod ${target?.metadata?.name}, uid ${target?.metadata?.uid}: ${failure}`);
      ws.close(1000);
    }
  });
  ws.on('message', (data: Buffer) => {
    const stream = data[0] % 2 === 0 ? streams[data[0] / 2] : undefined;
    if (stream && !stream.destroyed) stream.push(data.subarray(1));
  });
  ws.on('close', () => {
    for (const s of streams) if (!s.destroyed) s.push(null), s.destroy();
  });
}
