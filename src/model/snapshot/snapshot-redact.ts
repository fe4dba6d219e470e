import type { KubeObject } from '../types.js';

/** What a snapshot leaves out of the objects it writes. */
export interface RedactOptions {
  /** Replace literal environment values of pod specs and pod templates (`--redact-env`). */
  env?: boolean;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** What a literal env value becomes under `--redact-env`. */
export const REDACTED_ENV = '(redacted by kdrill snapshot)';

/** The decoded length in bytes of a Secret's base64 `data` value (0 for what is not a string). */
function decodedLength(value: unknown): number {
  return typeof value === 'string' ? Buffer.from(value, 'base64').length : 0;
}

/** A Secret's values as their lengths in bytes: keys stay, so that a trace can tell a TLS Secret exists. */
function redactSecret(obj: KubeObject): KubeObject {
  const lengths = (m: unknown, len: (v: unknown) => number) =>
    m && typeof m === 'object' && !Array.isArray(m) ? Object.fromEntries(Object.entries(m).map(([k, v]) => [k, len(v)])) : m;
  const out: KubeObject = { ...obj };
  if (obj.data !== undefined) out.data = lengths(obj.data, decodedLength);
  if (obj.stringData !== undefined) out.stringData = lengths(obj.stringData, (v) => (typeof v === 'string' ? Buffer.byteLength(v) : 0));
  return out;
}

/** A pod spec with each literal env value replaced (valueFrom references stay: they name, not hold, the value). */
function redactPodSpec(spec: any): any {
  if (!spec || typeof spec !== 'object') return spec;
  const containers = (list: unknown) =>
    Array.isArray(list)
      ? list.map((c: any) => (c && Array.isArray(c.env) ? { ...c, env: c.env.map((e: any) => (e && typeof e === 'object' && 'value' in e ? { ...e, value: REDACTED_ENV } : e)) } : c))
      : list;
  const out = { ...spec };
  for (const k of ['containers', 'initContainers', 'ephemeralContainers']) if (k in spec) out[k] = containers(spec[k]);
  return out;
}

/** Where pod specs sit in an object: a pod's own, a workload's template, a CronJob's job template. */
function redactEnv(obj: KubeObject): KubeObject {
  if (obj.kind === 'Pod') return { ...obj, spec: redactPodSpec(obj.spec) };
  const spec = obj.spec as any;
  if (spec?.template?.spec) return { ...obj, spec: { ...spec, template: { ...spec.template, spec: redactPodSpec(spec.template.spec) } } };
  const job = spec?.jobTemplate?.spec;
  if (job?.template?.spec) return { ...obj, spec: { ...spec, jobTemplate: { ...spec.jobTemplate, spec: { ...job, template: { ...job.template, spec: redactPodSpec(job.template.spec) } } } } };
  // ControllerRevisions hold a template too, under data.
  const rev = (obj as any).data?.spec?.template;
  if (obj.kind === 'ControllerRevision' && rev?.spec) return { ...obj, data: { ...(obj as any).data, spec: { ...(obj as any).data.spec, template: { ...rev, spec: redactPodSpec(rev.spec) } } } };
  return obj;
}

function withoutAnnotation(obj: KubeObject, key: string): KubeObject {
  const annotations = obj.metadata?.annotations;
  if (!annotations || !(key in annotations)) return obj;
  const { [key]: _dropped, ...rest } = annotations;
  return { ...obj, metadata: { ...obj.metadata, annotations: rest } };
}

/**
 * An object as a snapshot writes it: without managedFields; a Secret's values replaced by their
 * lengths and its last-applied annotation dropped (it holds the values in clear); under `env`,
 * literal env values replaced, in the spec and in the last-applied annotation (dropped).
 */
export function redactObject(obj: KubeObject, opts: RedactOptions = {}): KubeObject {
  let out: KubeObject = obj;
  if (obj.metadata?.managedFields !== undefined) {
    const { managedFields: _m, ...meta } = obj.metadata;
    out = { ...out, metadata: meta };
  }
  if (obj.kind === 'Secret') out = withoutAnnotation(redactSecret(out), LAST_APPLIED);
  if (opts.env) {
    const before = JSON.stringify(out);
    out = redactEnv(out);
    if (JSON.stringify(out) !== before) out = withoutAnnotation(out, LAST_APPLIED);
  }
  return out;
}

/** Whether a Secret was written by a snapshot (its values are lengths, not base64 text). */
export function isRedactedSecret(obj: KubeObject): boolean {
  const data = (obj as any).data;
  return obj.kind === 'Secret' && !!data && typeof data === 'object' && Object.values(data).some((v) => typeof v === 'number');
}

/** A redacted Secret made servable again: each length becomes that many zero bytes (so `describe` shows the same sizes). */
export function placeholderSecret(obj: KubeObject): KubeObject {
  const fill = (m: unknown, encode: (n: number) => string) =>
    m && typeof m === 'object' ? Object.fromEntries(Object.entries(m).map(([k, v]) => [k, typeof v === 'number' ? encode(v) : v])) : m;
  const out: KubeObject = { ...obj };
  if ((obj as any).data) out.data = fill((obj as any).data, (n) => Buffer.alloc(n).toString('base64'));
  if ((obj as any).stringData) out.stringData = fill((obj as any).stringData, (n) => '\0'.repeat(n));
  return out;
}
