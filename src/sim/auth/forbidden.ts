import type { ServerResponse } from 'node:http';
import { StatusError } from '../api/status-error.js';
import type { RequestAttributes } from './request-info.js';

/** What the authorizer was asked, in the words of the API server's 403 ("cannot list resource …"). */
function forbiddenMessage(username: string, a: RequestAttributes): string {
  if (!a.isResourceRequest) return `User ${JSON.stringify(username)} cannot ${a.verb} path ${JSON.stringify(a.path)}`;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const where = a.namespace ? `in the namespace ${JSON.stringify(a.namespace)}` : 'at the cluster scope';
  return `User ${JSON.stringify(username)} cannot ${a.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(a.apiGroup)} ${where}`;
}

/** The 403 Forbidden the API server answers when the authorizer says no, worded and detailed as recorded. */
export function forbidden(username: string, a: RequestAttributes, reason = ''): StatusError {
  const why = reason ? `${forbiddenMessage(username, a)}: ${reason}` : forbiddenMessage(username, a);
  if (!a.isResourceRequest || !a.resource) return new StatusError(403, 'Forbidden', `forbidden: ${why}`, {});
  const what = a.apiGroup ? `${a.resource}.${a.apiGroup}` : a.resource;
  const message = a.name ? `${what} ${JSON.stringify(a.name)} is forbidden: ${why}` : `${what} is forbidden: ${why}`;
  return new StatusError(403, 'Forbidden', message, { name: a.name || undefined, group: a.apiGroup || undefined, kind: a.resource });
}

/** The 401 for a bearer token nobody owns: message "Unauthorized", no details. */
export function unauthorized(): StatusError {
  return new StatusError(401, 'Unauthorized', 'Unauthorized');
}

/** Sets the header the API server adds to a 403 (Cache-Control comes with every JSON answer). */
export function authFailureHeaders(res: ServerResponse, code: number): void {
  if (code === 403) res.setHeader('X-Content-Type-Options', 'nosniff');
}
