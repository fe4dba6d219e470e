/**
 * Structural types for Kubernetes objects as they arrive over the wire.
 *
 * The model layer never trusts the cluster: every field is optional and may be
 * of the wrong type at run time, so readers go through the accessors in
 * `object-access.ts` rather than dereferencing deeply.
 */

/** Object metadata, as every Kubernetes object carries it. */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: unknown[];
}

/** A reference from an object to the object that controls or owns it. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** Any Kubernetes object: apiVersion, kind, metadata and free-form rest. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  // Kinds differ in everything past metadata; readers narrow with accessors.
  [field: string]: any;
}

/** A label selector in its structured form (Deployment.spec.selector and friends). */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** One matchExpressions entry. */
export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | string;
  values?: string[];
}

/** A list response (PodList, DeploymentList, ...). */
export interface KubeList<T extends KubeObject = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items: T[];
}

/** The type of a watch event as the API server sends it. */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** One watch event. */
export interface WatchEvent<T extends KubeObject = KubeObject> {
  type: WatchEventType;
  object: T;
}

/** One change to a set of objects, as caches deliver it to indexes. */
export interface ObjectChange<T extends KubeObject = KubeObject> {
  type: 'add' | 'update' | 'delete';
  object: T;
  /** The state before an update or delete. */
  previous?: T;
}
