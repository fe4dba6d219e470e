import type { KubeObject } from '../../model/types.js';
import { badRequest, StatusError } from '../api/status-error.js';
import { apiVersionOf, type SimResource } from '../resources.js';
import { timestamp, type ObjectStore } from '../store.js';
import { authenticate, type UserInfo } from './authenticate.js';
import type { PolicyRule } from './policy-rule.js';
import type { RbacAuthorizer } from './rbac-authorizer.js';
import type { RequestAttributes } from './request-info.js';

/** What answering a review needs: the authorizer, the store (for TokenReview) and the time. */
export interface ReviewContext {
  authorizer: RbacAuthorizer;
  store: ObjectStore;
  now(): number;
}

function invalid(r: SimResource, field: string, message: string): StatusError {
  return new StatusError(422, 'Invalid', `${r.kind}.${r.group} "" is invalid: ${field}: ${message}`, { group: r.group, kind: r.kind, causes: [{ reason: 'FieldValueInvalid', message, field }] });
}

/** The request an access review asks about, from its `resourceAttributes` or `nonResourceAttributes`. */
function attributesOf(r: SimResource, spec: any): RequestAttributes {
  const res = spec?.resourceAttributes;
  const non = spec?.nonResourceAttributes;
  if (!!res === !!non) throw invalid(r, 'spec.resourceAttributes', 'Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified');
  if (non) return { isResourceRequest: false, verb: String(non.verb ?? ''), path: String(non.path ?? ''), apiGroup: '', apiVersion: '', namespace: '', resource: '', subresource: '', name: '' };
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  return { isResourceRequest: true, verb: s(res.verb), path: '', apiGroup: s(res.group), apiVersion: s(res.version), namespace: s(res.namespace), resource: s(res.resource), subresource: s(res.subresource), name: s(res.name) };
}

function accessStatus(ctx: ReviewContext, user: UserInfo, a: RequestAttributes): Record<string, unknown> {
  const d = ctx.authorizer.authorize(user, a, true);
  return { allowed: d.allowed, ...(d.reason ? { reason: d.reason } : {}) };
}

function userOfSpec(spec: any): UserInfo {
  return { username: String(spec?.user ?? ''), uid: spec?.uid, groups: Array.isArray(spec?.groups) ? spec.groups.map(String) : [] };
}

function rulesStatus(ctx: ReviewContext, user: UserInfo, namespace: string): Record<string, unknown> {
  const { rules, errors } = ctx.authorizer.rulesFor(user, namespace);
  const resourceRules: unknown[] = [];
  const nonResourceRules: unknown[] = [];
  const some = (l?: string[]) => (l?.length ? l : undefined);
  for (const rule of rules as PolicyRule[]) {
    if (rule.resources?.length) resourceRules.push({ verbs: rule.verbs, apiGroups: some(rule.apiGroups), resources: rule.resources, resourceNames: some(rule.resourceNames) });
    if (rule.nonResourceURLs?.length) nonResourceRules.push({ verbs: rule.verbs, nonResourceURLs: rule.nonResourceURLs });
  }
  return { resourceRules, nonResourceRules, incomplete: errors.length > 0, ...(errors.length ? { evaluationError: errors.join(', ') } : {}) };
}

function userInfoJson(u: UserInfo): Record<string, unknown> {
  return { username: u.username, ...(u.uid ? { uid: u.uid } : {}), groups: u.groups };
}

// One answer per review kind: the status the server computes for the posted spec.
const REVIEWS: Record<string, (ctx: ReviewContext, r: SimResource, user: UserInfo, body: KubeObject, ns: string | undefined) => Record<string, unknown>> = {
  SelfSubjectAccessReview: (ctx, r, user, body) => accessStatus(ctx, user, attributesOf(r, body.spec)),
  SubjectAccessReview: (ctx, r, _user, body) => accessStatus(ctx, userOfSpec(body.spec), attributesOf(r, body.spec)),
  LocalSubjectAccessReview: (ctx, r, _user, body, ns) => {
    const a = attributesOf(r, body.spec);
    if (a.namespace !== ns) throw invalid(r, 'spec.resourceAttributes.namespace', `Invalid value: ${JSON.stringify(a.namespace)}: must match metadata.namespace`);
    return accessStatus(ctx, userOfSpec(body.spec), a);
  },
  SelfSubjectRulesReview: (ctx, _r, user, body) => rulesStatus(ctx, user, String(body.spec?.namespace ?? '')),
  SelfSubjectReview: (_ctx, _r, user) => ({ userInfo: userInfoJson(user) }),
  TokenReview: (ctx, _r, _user, body) => {
    const who = authenticate(`Bearer ${String(body.spec?.token ?? '')}`, ctx.store);
    return who && who.username !== 'system:anonymous' ? { authenticated: true, user: userInfoJson(who), audiences: [] } : { user: {} };
  },
};

/** Answers a POST of a review kind (create-only, never stored): the posted object with its `status` filled in. */
export function answerReview(ctx: ReviewContext, r: SimResource, user: UserInfo, body: unknown, ns: string | undefined): KubeObject {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('the body of the request must be a JSON object');
  const obj = body as KubeObject;
  if (obj.kind !== undefined && obj.kind !== r.kind) throw badRequest(`the kind of the object (${String(obj.kind)}) does not match the resource (${r.kind})`);
  const status = REVIEWS[r.kind](ctx, r, user, obj, ns);
  const metadata = r.kind === 'SelfSubjectReview' ? { creationTimestamp: timestamp(ctx.now()) } : ns ? { namespace: ns } : {};
  const spec = r.kind === 'SelfSubjectReview' ? {} : { spec: obj.spec ?? {} };
  return { kind: r.kind, apiVersion: apiVersionOf(r), metadata, ...spec, status } as KubeObject;
}
