/** Columns of storage kinds: persistent volumes, persistent volume claims, storage classes. */
import type { ColumnSet } from './column.js';
import { ageColumn, nameColumn, textColumn } from './common.js';
import { at, isSet, list, nameOf, quantity, str } from './read.js';

const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** helper.GetAccessModesAsString: de-duplicated, always in the order RWO,ROX,RWX,RWOP. */
export function accessModes(modes: unknown): string {
  const present = new Set(list(modes));
  const short: [string, string][] = [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ];
  return short.filter(([mode]) => present.has(mode)).map(([, abbr]) => abbr).join(',');
}

/** The class of a PV or PVC: the beta annotation first, then spec.storageClassName. */
function storageClass(o: unknown): string {
  const annotations = at(o, 'metadata', 'annotations');
  const beta = at(annotations, BETA_STORAGE_CLASS_ANNOTATION);
  if (beta !== undefined) return str(beta);
  return str(at(o, 'spec', 'storageClassName'));
}

/** A pointer-to-string field: its value, or "<unset>". */
function unsetOr(value: unknown): string {
  return typeof value === 'string' ? value : '<unset>';
}

function phaseOrTerminating(o: unknown): string {
  return isSet(at(o, 'metadata', 'deletionTimestamp')) ? 'Terminating' : str(at(o, 'status', 'phase'));
}

/** A missing Quantity prints as the zero quantity, "0". */
function storageQuantity(value: unknown): string {
  return value === undefined || value === null ? '0' : quantity(value);
}

/**
 * NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS
 * VOLUMEATTRIBUTESCLASS REASON AGE | wide: VOLUMEMODE.
 */
export const persistentVolumeColumns: ColumnSet = [
  nameColumn,
  textColumn('CAPACITY', (o) => storageQuantity(at(o, 'spec', 'capacity', 'storage'))),
  textColumn('ACCESS MODES', (o) => accessModes(at(o, 'spec', 'accessModes'))),
  textColumn('RECLAIM POLICY', (o) => str(at(o, 'spec', 'persistentVolumeReclaimPolicy'))),
  textColumn('STATUS', phaseOrTerminating),
  textColumn('CLAIM', (o) => {
    const ref = at(o, 'spec', 'claimRef');
    return isSet(ref) ? `${str(at(ref, 'namespace'))}/${str(at(ref, 'name'))}` : '';
  }),
  textColumn('STORAGECLASS', storageClass, { description: 'StorageClass of the pv' }),
  textColumn('VOLUMEATTRIBUTESCLASS', (o) => unsetOr(at(o, 'spec', 'volumeAttributesClassName')), {
    description: 'VolumeAttributesClass of the pv',
  }),
  textColumn('REASON', (o) => str(at(o, 'status', 'reason'))),
  ageColumn,
  textColumn('VOLUMEMODE', (o) => unsetOr(at(o, 'spec', 'volumeMode')), { priority: 1 }),
];

/** Capacity and access modes are only shown once the claim is bound to a volume. */
function bound(o: unknown): boolean {
  return str(at(o, 'spec', 'volumeName')) !== '';
}

/** NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE | wide: VOLUMEMODE. */
export const persistentVolumeClaimColumns: ColumnSet = [
  nameColumn,
  textColumn('STATUS', phaseOrTerminating),
  textColumn('VOLUME', (o) => str(at(o, 'spec', 'volumeName'))),
  textColumn('CAPACITY', (o) => (bound(o) ? storageQuantity(at(o, 'status', 'capacity', 'storage')) : '')),
  textColumn('ACCESS MODES', (o) => (bound(o) ? accessModes(at(o, 'status', 'accessModes')) : '')),
  textColumn('STORAGECLASS', storageClass, { description: 'StorageClass of the pvc' }),
  textColumn('VOLUMEATTRIBUTESCLASS', (o) => unsetOr(at(o, 'spec', 'volumeAttributesClassName')), {
    description: 'VolumeAttributesClass of the pvc',
  }),
  ageColumn,
  textColumn('VOLUMEMODE', (o) => unsetOr(at(o, 'spec', 'volumeMode')), { priority: 1 }),
];

function isDefaultClass(o: unknown): boolean {
  const annotations = at(o, 'metadata', 'annotations');
  return (
    at(annotations, 'storageclass.kubernetes.io/is-default-class') === 'true' ||
    at(annotations, 'storageclass.beta.kubernetes.io/is-default-class') === 'true'
  );
}

/**
 * NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE.
 * As in kubectl, the default class's NAME reads "standard (default)".
 */
export const storageClassColumns: ColumnSet = [
  textColumn('NAME', (o) => (isDefaultClass(o) ? `${nameOf(o)} (default)` : nameOf(o))),
  textColumn('PROVISIONER', (o) => str(at(o, 'provisioner'))),
  textColumn('RECLAIMPOLICY', (o) => str(at(o, 'reclaimPolicy')) || 'Delete'),
  textColumn('VOLUMEBINDINGMODE', (o) => str(at(o, 'volumeBindingMode')) || 'Immediate'),
  textColumn('ALLOWVOLUMEEXPANSION', (o) => String(at(o, 'allowVolumeExpansion') === true)),
  ageColumn,
];
