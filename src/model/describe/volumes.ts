import { at, list, str } from '../columns/read.js';
import type { DescribeWriter } from './describe-writer.js';

/** A Go `%v` of an optional bool pointer: `<nil>` when unset (kubectl prints the pointer itself). */
const goPointer = (v: unknown) => (v === undefined || v === null ? '<nil>' : String(v));

/** The lines of a projected volume's sources, in order, as kubectl's printProjectedVolumeSource. */
function projectedFields(v: unknown): [string, string][] {
  const out: [string, string][] = [];
  for (const s of list(at(v, 'sources'))) {
    if (at(s, 'secret')) out.push(['SecretName', str(at(s, 'secret', 'name'))], ['SecretOptionalName', goPointer(at(s, 'secret', 'optional'))]);
    else if (at(s, 'downwardAPI')) out.push(['DownwardAPI', 'true']);
    else if (at(s, 'configMap')) out.push(['ConfigMapName', str(at(s, 'configMap', 'name'))], ['ConfigMapOptional', goPointer(at(s, 'configMap', 'optional'))]);
    else if (at(s, 'serviceAccountToken')) out.push(['TokenExpirationSeconds', String(at(s, 'serviceAccountToken', 'expirationSeconds') ?? '')]);
  }
  return out;
}

const bool = (v: unknown) => String(v === true);

// What each volume source shows, in kubectl's order of precedence: its type line and fields.
const VOLUME_TYPES: [string, string, (v: unknown) => [string, string][]][] = [
  ['hostPath', 'HostPath (bare host directory volume)', (v) => [['Path', str(at(v, 'path'))], ['HostPathType', str(at(v, 'type')) || '<none>']]],
  ['emptyDir', "EmptyDir (a temporary directory that shares a pod's lifetime)", (v) => [['Medium', str(at(v, 'medium'))], ['SizeLimit', str(at(v, 'sizeLimit')) && str(at(v, 'sizeLimit')) !== '0' ? str(at(v, 'sizeLimit')) : '<unset>']]],
  ['gitRepo', 'GitRepo (a volume that is pulled from git when the pod is created)', (v) => [['Repository', str(at(v, 'repository'))], ['Revision', str(at(v, 'revision'))]]],
  ['secret', 'Secret (a volume populated by a Secret)', (v) => [['SecretName', str(at(v, 'secretName'))], ['Optional', bool(at(v, 'optional'))]]],
  ['configMap', 'ConfigMap (a volume populated by a ConfigMap)', (v) => [['Name', str(at(v, 'name'))], ['Optional', bool(at(v, 'optional'))]]],
  ['nfs', 'NFS (an NFS mount that lasts the lifetime of a pod)', (v) => [['Server', str(at(v, 'server'))], ['Path', str(at(v, 'path'))], ['ReadOnly', bool(at(v, 'readOnly'))]]],
  ['persistentVolumeClaim', 'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)', (v) => [['ClaimName', str(at(v, 'claimName'))], ['ReadOnly', bool(at(v, 'readOnly'))]]],
  ['ephemeral', 'EphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)', () => []],
  ['projected', 'Projected (a volume that contains injected data from multiple sources)', projectedFields],
  ['csi', 'CSI (a Container Storage Interface (CSI) volume source)', (v) => [['Driver', str(at(v, 'driver'))], ['FSType', str(at(v, 'fsType'))], ['ReadOnly', bool(at(v, 'readOnly'))]]],
  ['image', 'Image (a container image or OCI artifact)', (v) => [['Reference', str(at(v, 'reference'))], ['PullPolicy', str(at(v, 'pullPolicy'))]]],
];

/** The Volumes section of a pod or template (`prefix` indents it inside a template). */
export function writeVolumes(w: DescribeWriter, volumes: unknown, prefix = ''): void {
  const items = list(volumes);
  if (!items.length) return w.line(0, `${prefix}Volumes:`, '<none>');
  w.line(0, `${prefix}Volumes:`);
  for (const v of items) {
    // Inside a template kubectl puts one more space before a volume's name, not before its fields.
    w.raw(`${prefix ? '   ' : '  '}${str(at(v, 'name'))}:\n`);
    if (at(v, 'downwardAPI')) {
      w.line(2, 'Type:', 'DownwardAPI (a volume populated by information about the pod)');
      w.raw('    Items:\n');
      for (const item of list(at(v, 'downwardAPI', 'items'))) {
        if (at(item, 'fieldRef')) w.line(3, `${str(at(item, 'fieldRef', 'fieldPath'))} -> ${str(at(item, 'path'))}`);
        if (at(item, 'resourceFieldRef')) w.line(3, `${str(at(item, 'resourceFieldRef', 'resource'))} -> ${str(at(item, 'path'))}`);
      }
      continue;
    }
    const known = VOLUME_TYPES.find(([key]) => at(v, key) !== undefined && at(v, key) !== null);
    if (!known) {
      const key = Object.keys(v as object).find((k) => k !== 'name') ?? 'unknown';
      w.line(2, 'Type:', `${key} (a volume kdrill does not describe in detail)`);
      continue;
    }
    const [key, type, fields] = known;
    w.line(2, 'Type:', type);
    for (const [k, val] of fields(at(v, key))) w.line(2, `${k}:`, val);
  }
}
