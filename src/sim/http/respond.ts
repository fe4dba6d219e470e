import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, StatusError } from '../api/status-error.js';

/** Largest request body the simulator reads (a real server allows 3 MiB objects). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** Sends a JSON body with a status code (and the Cache-Control every API answer carries). */
export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Cache-Control': 'no-cache, private', 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Sends any error as a Kubernetes Status; unexpected errors become 500 InternalError. */
export function sendError(res: ServerResponse, err: unknown): void {
  const status =
    err instanceof StatusError
      ? err
      : new StatusError(500, 'InternalError', `Internal error occurred: ${err instanceof Error ? err.message : String(err)}`);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status.code, status.toStatus());
}

/** Reads and parses a JSON request body; malformed JSON answers 400. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new StatusError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badRequest(`the body of the request was not valid JSON: ${(e as Error).message}`);
  }
}
