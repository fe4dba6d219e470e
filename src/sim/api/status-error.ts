import type { SimResource } from '../resources.js';

/** An API failure carried as a Kubernetes `Status` object with its HTTP code. */
export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: { name?: string; group?: string; kind?: string; causes?: { reason?: string; message: string; field?: string }[] },
  ) {
    super(message);
  }

  /** The Status's list metadata: a 410 for an expired continue token carries a fresh token here. */
  listMeta: { continue?: string } | undefined;

  /** Discovery's own refusals carry no details at all (the recorded v2beta1 406). */
  omitDetails = false;

  /** The `Status` body the API server sends. */
  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: this.listMeta ?? {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      // Errors about the request rather than an object (unknown resource, method, media type) carry empty details.
      ...(this.details ? { details: this.details } : !this.omitDetails && [404, 405, 406].includes(this.code) ? { details: {} } : {}),
      code: this.code,
    };
  }
}

/** `deployments.apps` or `pods`, as the API server names a resource in messages. */
export function qualifiedName(r: SimResource): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

/** 404 for a missing object. */
export function notFound(r: SimResource, name: string): StatusError {
  return new StatusError(404, 'NotFound', `${qualifiedName(r)} "${name}" not found`, { name, group: r.group || undefined, kind: r.resource });
}

/** 409 for a create of an existing name. */
export function alreadyExists(r: SimResource, name: string): StatusError {
  return new StatusError(409, 'AlreadyExists', `${qualifiedName(r)} "${name}" already exists`, { name, group: r.group || undefined, kind: r.resource });
}

/** 409 for an update against a stale resourceVersion. */
export function conflict(r: SimResource, name: string): StatusError {
  return new StatusError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedName(r)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, group: r.group || undefined, kind: r.resource },
  );
}

/** 422 for an object that fails validation; `causes` name the fields. */
export function invalid(r: SimResource, name: string, causes: { field: string; message: string }[]): StatusError {
  const list = causes.map((c) => `${c.field}: ${c.message}`).join(', ');
  return new StatusError(422, 'Invalid', `${r.kind}${r.group ? '.' + r.group : ''} "${name}" is invalid: ${list}`, {
    name,
    group: r.group || undefined,
    kind: r.kind,
    causes: causes.map((c) => ({ reason: 'FieldValueInvalid', message: c.message, field: c.field })),
  });
}

/** 400 for a request the server cannot read. */
export function badRequest(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message);
}
