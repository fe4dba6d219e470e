import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { StatusError } from '../api/status-error.js';

/** The channel subprotocols of exec and attach (v5 adds closing a channel, 255), and of port-forward. */
export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
export const PORT_FORWARD_PROTOCOLS = ['v4.channel.k8s.io'];

/** The channels of the remote command protocol. */
export const STDIN = 0;
export const STDOUT = 1;
export const STDERR = 2;
export const ERROR = 3;
export const RESIZE = 4;
export const CLOSE = 255;

/** Accepts a WebSocket upgrade with the first of the client's subprotocols the server speaks, in the client's order. */
export function acceptUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, protocols: string[]): Promise<WebSocket> {
  const server = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (offered) => [...offered].find((p) => protocols.includes(p)) ?? false,
  });
  return new Promise((resolve) => server.handleUpgrade(req, socket, head, (ws) => resolve(ws)));
}

/** Answers an upgrade request with an HTTP error (a Status body), as the API server does before switching protocols. */
export function refuseUpgrade(socket: Duplex, err: StatusError): void {
  const body = JSON.stringify(err.toStatus());
  const reason: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error', 503: 'Service Unavailable' };
  socket.end(
    `HTTP/1.1 ${err.code} ${reason[err.code] ?? 'Error'}\r\nCache-Control: no-cache, private\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Sends bytes on one channel (the first byte of a binary frame names it). */
export function sendOn(ws: WebSocket, channel: number, data: Buffer | string): void {
  if (ws.readyState !== WebSocket.OPEN) return;
  const payload = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  ws.send(Buffer.concat([Buffer.from([channel]), payload]));
}

/** The Status the kubelet writes on the error channel when a command ends (no kind or apiVersion, as recorded). */
export function exitStatus(command: string[], code: number): Record<string, unknown> {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/** The InternalError Status of a command that could not be run, as recorded on channel 3. */
export function internalErrorStatus(message: string): Record<string, unknown> {
  return { metadata: {}, status: 'Failure', message: `Internal error occurred: ${message}`, reason: 'InternalError', details: { causes: [{ message }] }, code: 500 };
}
