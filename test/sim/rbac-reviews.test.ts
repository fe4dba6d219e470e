// Access reviews, rules reviews and RBAC objects written through the API: what `kubectl auth can-i`
// and `auth whoami` ask, and bindings that take effect (and stop) as soon as they are written.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ADMIN_TOKEN } from '../../src/sim/auth/authenticate.js';
import { CORPUS, hasCorpus } from '../helpers/recorded-corpus.js';
import { startCluster, type TestCluster } from '../helpers/sim.js';

const SA = 'sa:corpus-web:corpus-limited';
const RBAC = '/apis/rbac.authorization.k8s.io/v1';
const AUTHZ = '/apis/authorization.k8s.io/v1';
let c: TestCluster;

async function call(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${c.sim.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, text, json: text ? JSON.parse(text) : undefined };
}
const admin = (method: string, path: string, body?: unknown) => call(method, path, ADMIN_TOKEN, body);
const ssar = async (token: string, spec: unknown) => {
  const r = await call('POST', `${AUTHZ}/selfsubjectaccessreviews`, token, { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec });
  assert.equal(r.status, 201, r.text);
  return r.json.status;
};

before(async () => {
  c = await startCluster({ scenario: 'none', clock: 'manual' });
  for (const ns of ['corpus-web', 'corpus-batch']) await admin('POST', '/api/v1/namespaces', { metadata: { name: ns } });
  await admin('POST', '/api/v1/namespaces/corpus-web/serviceaccounts', { metadata: { name: 'corpus-limited' } });
  // The recorded Role and RoleBinding pod-reader (manifests/10-corpus-web.yaml).
  assert.equal((await admin('POST', `${RBAC}/namespaces/corpus-web/roles`, { metadata: { name: 'pod-reader' }, rules: [{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch'] }] })).status, 201);
  const binding = { metadata: { name: 'pod-reader' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' }, subjects: [{ kind: 'ServiceAccount', name: 'corpus-limited', namespace: 'corpus-web' }] };
  assert.equal((await admin('POST', `${RBAC}/namespaces/corpus-web/rolebindings`, binding)).status, 201);
});
after(() => c.stop());

test('SelfSubjectAccessReview: allowed with the reason RBAC gives, denied without one; non-resource paths', async () => {
  assert.deepEqual(await ssar(SA, { resourceAttributes: { namespace: 'corpus-web', verb: 'list', resource: 'pods' } }), {
    allowed: true,
    reason: 'RBAC: allowed by RoleBinding "pod-reader/corpus-web" of Role "pod-reader" to ServiceAccount "corpus-limited/corpus-web"',
  });
  assert.deepEqual(await ssar(SA, { resourceAttributes: { namespace: 'corpus-web', verb: 'get', resource: 'pods', subresource: 'log', name: 'x' } }), { allowed: true, reason: 'RBAC: allowed by RoleBinding "pod-reader/corpus-web" of Role "pod-reader" to ServiceAccount "corpus-limited/corpus-web"' });
  assert.deepEqual(await ssar(SA, { resourceAttributes: { namespace: 'corpus-web', verb: 'list', resource: 'secrets' } }), { allowed: false });
  assert.deepEqual(await ssar(SA, { resourceAttributes: { verb: 'list', resource: 'pods' } }), { allowed: false });
  assert.deepEqual(await ssar(SA, { nonResourceAttributes: { path: '/apis', verb: 'get' } }), { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"' });
  // The cluster-admin is allowed by its group before RBAC is asked: no reason.
  assert.deepEqual(await ssar(ADMIN_TOKEN, { resourceAttributes: { verb: 'delete', resource: 'nodes' } }), { allowed: true });
  const bad = await call('POST', `${AUTHZ}/selfsubjectaccessreviews`, SA, { spec: {} });
  assert.equal(bad.status, 422, bad.text);
});

test('SelfSubjectRulesReview: the rules of the namespace, cluster-wide bindings first', async () => {
  const r = await call('POST', `${AUTHZ}/selfsubjectrulesreviews`, SA, { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'corpus-web' } });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.status, {
    resourceRules: [
      { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] },
      { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
      { verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods', 'pods/log'] },
    ],
    nonResourceRules: [
      { verbs: ['get'], nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'] },
      { verbs: ['get'], nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'] },
      { verbs: ['get'], nonResourceURLs: ['/.well-known/openid-configuration', '/.well-known/openid-configuration/', '/openid/v1/jwks', '/openid/v1/jwks/'] },
    ],
    incomplete: false,
  });
  assert.equal((await call('GET', `${AUTHZ}/selfsubjectrulesreviews`, ADMIN_TOKEN)).status, 405);
});

test('SelfSubjectReview: who the token is', async () => {
  const r = await call('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', SA, { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
  assert.equal(r.status, 201, r.text);
  const sa = (await admin('GET', '/api/v1/namespaces/corpus-web/serviceaccounts/corpus-limited')).json;
  assert.deepEqual(r.json.status.userInfo, { username: 'system:serviceaccount:corpus-web:corpus-limited', uid: sa.metadata.uid, groups: ['system:serviceaccounts', 'system:serviceaccounts:corpus-web', 'system:authenticated'] });
});

test('bindings take effect when written and stop when deleted; a binding to a missing role says so', async () => {
  const path = '/api/v1/namespaces/corpus-batch/pods';
  assert.equal((await call('GET', path, SA)).status, 403);
  const rb = { metadata: { name: 'viewers' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'ServiceAccount', name: 'corpus-limited', namespace: 'corpus-web' }] };
  assert.equal((await admin('POST', `${RBAC}/namespaces/corpus-batch/rolebindings`, rb)).status, 201);
  assert.equal((await call('GET', path, SA)).status, 200, 'a RoleBinding to a ClusterRole grants in its namespace');
  assert.equal((await call('GET', '/api/v1/namespaces/corpus-batch/secrets', SA)).status, 403, 'view has no Secrets');
  assert.equal((await call('GET', '/api/v1/pods', SA)).status, 403, 'nor does it grant cluster-wide lists');
  assert.equal((await admin('DELETE', `${RBAC}/namespaces/corpus-batch/rolebindings/viewers`)).status, 200);
  assert.equal((await call('GET', path, SA)).status, 403);
  const dangling = { ...rb, metadata: { name: 'dangling' }, roleRef: { ...rb.roleRef, kind: 'Role', name: 'nope' } };
  assert.equal((await admin('POST', `${RBAC}/namespaces/corpus-batch/rolebindings`, dangling)).status, 201);
  assert.equal((await call('GET', path, SA)).json.message, 'pods is forbidden: User "system:serviceaccount:corpus-web:corpus-limited" cannot list resource "pods" in API group "" in the namespace "corpus-batch": RBAC: role.rbac.authorization.k8s.io "nope" not found');
  assert.equal((await admin('DELETE', `${RBAC}/namespaces/corpus-batch/rolebindings/dangling`)).status, 200);
});

test('resourceNames grant one object: get and a watch pinned to its name, never the list', async () => {
  await admin('POST', '/api/v1/namespaces/corpus-web/configmaps', { metadata: { name: 'one' }, data: { a: 'b' } });
  await admin('POST', `${RBAC}/namespaces/corpus-web/roles`, { metadata: { name: 'one-cm' }, rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['one'], verbs: ['get', 'list', 'watch'] }] });
  await admin('POST', `${RBAC}/namespaces/corpus-web/rolebindings`, { metadata: { name: 'one-cm' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'one-cm' }, subjects: [{ kind: 'ServiceAccount', name: 'corpus-limited' }] });
  assert.equal((await call('GET', '/api/v1/namespaces/corpus-web/configmaps/one', SA)).status, 200);
  assert.equal((await call('GET', '/api/v1/namespaces/corpus-web/configmaps/two', SA)).status, 403);
  assert.equal((await call('GET', '/api/v1/namespaces/corpus-web/configmaps', SA)).status, 403);
  assert.equal((await call('GET', '/api/v1/namespaces/corpus-web/configmaps?watch=true&timeoutSeconds=1&fieldSelector=metadata.name%3Done', SA)).status, 200);
});

test('RBAC objects are validated: names are path segments, roleRef is checked and cannot change', async () => {
  const bad = await admin('POST', `${RBAC}/clusterrolebindings`, { metadata: { name: 'x' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' }, subjects: [] });
  assert.equal(bad.status, 422);
  assert.equal(bad.json.message, 'ClusterRoleBinding.rbac.authorization.k8s.io "x" is invalid: roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"');
  const rb = (await admin('GET', `${RBAC}/namespaces/corpus-web/rolebindings/pod-reader`)).json;
  const changed = await admin('PUT', `${RBAC}/namespaces/corpus-web/rolebindings/pod-reader`, { ...rb, roleRef: { ...rb.roleRef, name: 'other' } });
  assert.equal(changed.status, 422);
  assert.match(changed.json.message, /roleRef: Invalid value: .*: cannot change roleRef$/);
  assert.equal((await admin('POST', `${RBAC}/clusterroles`, { metadata: { name: 'system:kdrill-test' }, rules: [{ nonResourceURLs: ['/x'], verbs: ['get'] }] })).status, 201);
  const nonResourceInRole = await admin('POST', `${RBAC}/namespaces/corpus-web/roles`, { metadata: { name: 'urls' }, rules: [{ nonResourceURLs: ['/x'], verbs: ['get'] }] });
  assert.equal(nonResourceInRole.json.message, 'Role.rbac.authorization.k8s.io "urls" is invalid: rules[0].nonResourceURLs: Invalid value: []string{"/x"}: namespaced rules cannot apply to non-resource URLs');
});

test('discovery lists the authorization and authentication groups as recorded, and RBAC with every verb', { skip: hasCorpus ? false : 'the recorded corpus is not on this machine' }, async () => {
  for (const gv of ['authorization.k8s.io_v1', 'authentication.k8s.io_v1']) {
    const recorded = JSON.parse(readFileSync(join(CORPUS, 'discovery/apis', `${gv}.json`), 'utf8'));
    assert.deepEqual((await admin('GET', `/apis/${gv.replace('_', '/')}`)).json, recorded);
  }
  // The simulator does not compute storageVersionHash.
  const rbac = JSON.parse(readFileSync(join(CORPUS, 'discovery/apis/rbac.authorization.k8s.io_v1.json'), 'utf8'));
  for (const r of rbac.resources) delete r.storageVersionHash;
  assert.deepEqual((await admin('GET', RBAC)).json, rbac);
});
