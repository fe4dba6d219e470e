import type { ClusterSession } from '../kube/cluster-session.js';
import { collectionPath } from '../kube/discovery.js';
import { ActionRefused, WorkloadActions } from '../kube/workload-actions.js';
import { at, str } from '../model/columns/read.js';
import { formatSelector, fromLabelSelector } from '../model/label-selector.js';
import { controlledRevisions, historyText, matchesRevision, revisionText, RevisionError, undoTarget } from '../model/rollout/revision-history.js';
import { sanitize } from '../model/sanitize.js';
import type { KubeObject } from '../model/types.js';
import { CliError } from '../errors.js';
import { ApiError } from '../kube/api-error.js';

type Kind = 'Deployment' | 'StatefulSet' | 'DaemonSet';
const RESOURCE = { Deployment: 'deployments.apps', StatefulSet: 'statefulsets.apps', DaemonSet: 'daemonsets.apps' } as const;
const REVISION = 'deployment.kubernetes.io/revision';

/** What `kdrill rollout history|undo` reads of one workload: the object as the server has it and its revisions. */
interface Target {
  session: ClusterSession;
  kind: Kind;
  namespace: string;
  name: string;
}

/** `statefulset.apps/db`, as kubectl names a workload in its messages. */
const refOf = (kind: Kind, name: string) => `${kind.toLowerCase()}.apps/${name}`;

async function fetchWorkload(t: Target): Promise<KubeObject> {
  const r = t.session.discovery.get(RESOURCE[t.kind])!;
  try {
    return await t.session.transport.json({ path: `${collectionPath(r, t.namespace)}/${encodeURIComponent(t.name)}` });
  } catch (e) {
    // kubectl's words for a workload that is not there.
    if (e instanceof ApiError && e.status === 404) throw new NotFound(`Error from server (NotFound): ${t.kind.toLowerCase()}s.apps "${t.name}" not found`);
    throw e;
  }
}

/** The revisions of a StatefulSet or DaemonSet, from its ControllerRevisions (as kubectl reads them). */
async function controllerRevisions(t: Target, workload: KubeObject): Promise<KubeObject[]> {
  const r = t.session.discovery.get('controllerrevisions.apps');
  if (!r) throw new CliError('the server does not serve controllerrevisions.apps', 1);
  const selector = formatSelector(fromLabelSelector(workload.spec?.selector) ?? []);
  return controlledRevisions(workload, await new WorkloadActions(t.session.transport).revisions(r, t.namespace, selector));
}

/** A workload that is not there: kubectl's line, exit status 1. */
class NotFound extends Error {}

/** Prints kubectl's line for a missing workload (and gives undefined); other errors go on. */
function notFound(e: unknown): undefined {
  if (!(e instanceof NotFound)) throw e;
  process.stderr.write(`${sanitize(e.message, true)}\n`);
  return undefined;
}

/** kubectl's failure: `error: ...` on stderr, exit status 1. */
function fail(message: string): number {
  process.stderr.write(`error: ${sanitize(message, true)}\n`);
  return 1;
}

/** `kdrill rollout history sts|ds/NAME [--revision N]`, printed as kubectl prints it. */
export async function statefulHistory(t: Target, revision: number): Promise<number> {
  const workload = await fetchWorkload(t).catch(notFound);
  if (!workload) return 1;
  const revisions = await controllerRevisions(t, workload);
  const ref = refOf(t.kind, t.name);
  try {
    process.stdout.write(sanitize(revision > 0 ? revisionText(ref, revisions, revision) : historyText(ref, revisions), false));
    return 0;
  } catch (e) {
    if (e instanceof RevisionError) return fail(e.message);
    throw e;
  }
}

/** A Deployment's ReplicaSets by revision (kubectl: selected by its selector, controlled by it). */
async function deploymentSets(t: Target, actions: WorkloadActions, deployment: KubeObject): Promise<{ n: number; rs: KubeObject }[]> {
  const rsResource = t.session.discovery.get('replicasets.apps')!;
  const selector = formatSelector(fromLabelSelector(deployment.spec?.selector) ?? []);
  const sets = (await actions.revisions(rsResource, t.namespace, selector)).filter((rs) => (rs.metadata?.ownerReferences ?? []).some((o) => o.controller && o.uid === deployment.metadata?.uid));
  return sets.map((rs) => ({ n: Number(str(at(rs, 'metadata', 'annotations', REVISION))), rs })).sort((a, b) => a.n - b.n);
}

/** `kdrill rollout history deployment/NAME --revision N`: the ReplicaSet's template with its change-cause, as kubectl prints it. */
export async function deploymentRevision(t: Target, revision: number): Promise<number> {
  const deployment = await fetchWorkload(t).catch(notFound);
  if (!deployment) return 1;
  const found = (await deploymentSets(t, new WorkloadActions(t.session.transport), deployment)).find((x) => x.n === revision);
  if (!found) return fail('unable to find the specified revision');
  const template = structuredClone(found.rs.spec?.template ?? {});
  const cause = str(at(found.rs, 'metadata', 'annotations', 'kubernetes.io/change-cause'));
  template.metadata = { ...template.metadata, annotations: { ...(template.metadata?.annotations ?? {}), ...(cause ? { 'kubernetes.io/change-cause': cause } : {}) } };
  // The same printer as a ControllerRevision's: a revision holding this template.
  const cr: KubeObject = { revision, data: { spec: { template } } };
  process.stdout.write(sanitize(revisionText(refOf(t.kind, t.name), [cr], revision), false));
  return 0;
}

/** `kdrill rollout undo KIND/NAME [--to-revision N]`: what kubectl's rollback does for each kind, with its messages. */
export async function rolloutUndo(t: Target, toRevision: number): Promise<number> {
  const workload = await fetchWorkload(t).catch(notFound);
  if (!workload) return 1;
  const ref = refOf(t.kind, t.name);
  const actions = new WorkloadActions(t.session.transport);
  const r = t.session.discovery.get(RESOURCE[t.kind])!;
  if (t.kind === 'Deployment') return deploymentUndo(t, actions, workload, toRevision);
  let target: KubeObject;
  try {
    target = undoTarget(await controllerRevisions(t, workload), toRevision);
  } catch (e) {
    if (e instanceof RevisionError) return fail(e.message);
    throw e;
  }
  if (matchesRevision(workload, target)) {
    process.stdout.write(`${ref} skipped rollback (current template already matches revision ${target.revision})\n`);
    return 0;
  }
  await actions.restoreRevision(r, t.namespace, t.name, target);
  process.stdout.write(`${ref} rolled back\n`);
  return 0;
}

async function deploymentUndo(t: Target, actions: WorkloadActions, deployment: KubeObject, toRevision: number): Promise<number> {
  if (deployment.spec?.paused) return fail("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  const byRevision = await deploymentSets(t, actions, deployment);
  // kubectl: revision 0 is the second newest.
  const target = toRevision === 0 ? byRevision.at(-2) : byRevision.find((x) => x.n === toRevision);
  if (!target) return fail(toRevision === 0 ? 'no rollout history found for deployment ' + JSON.stringify(t.name) : `unable to find specified revision ${toRevision} in history`);
  try {
    await actions.undo(t.session.discovery.get(RESOURCE.Deployment)!, deployment, { ...target.rs, kind: 'ReplicaSet' });
  } catch (e) {
    if (!(e instanceof ActionRefused)) throw e;
    process.stdout.write(`${refOf(t.kind, t.name)} skipped rollback (current template already matches revision ${target.n})\n`);
    return 0;
  }
  process.stdout.write(`${refOf(t.kind, t.name)} rolled back\n`);
  return 0;
}
