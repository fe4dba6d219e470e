import { createHash } from 'node:crypto';
import type { ResourceRegistry } from '../resources.js';

/** The OpenAPI v3 discovery root: one document per group version, as `/openapi/v3` lists them. */
export function openApiRoot(registry: ResourceRegistry): unknown {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of registry.groupVersions()) {
    const path = gv.includes('/') ? `apis/${gv}` : `api/${gv}`;
    const hash = createHash('sha256').update(registry.inGroupVersion(gv).map((r) => r.resource).join(',')).digest('hex').slice(0, 32).toUpperCase();
    paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${hash}` };
  }
  return { paths };
}

/**
 * A minimal OpenAPI v3 document for one group version: for each kind its PATCH operation,
 * tagged with its group-version-kind and the `fieldValidation` parameter. That is what
 * kubectl looks for before it trusts the server to validate (`kubectl apply`, `create -f`).
 */
export function openApiGroupVersion(registry: ResourceRegistry, path: string): unknown | undefined {
  const gv = path.replace(/^apis?\//, '');
  const resources = registry.inGroupVersion(gv);
  if (!resources.length) return undefined;
  const [group, version] = gv.includes('/') ? gv.split('/') : ['', gv];
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const r of resources) {
    const gvk = { group, version, kind: r.kind };
    const base = `/${path}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.resource}/{name}`;
    paths[base] = {
      patch: {
        operationId: `patch${r.kind}`,
        parameters: [
          { name: 'dryRun', in: 'query', schema: { type: 'string' } },
          { name: 'fieldManager', in: 'query', schema: { type: 'string' } },
          { name: 'fieldValidation', in: 'query', schema: { type: 'string' } },
          { name: 'force', in: 'query', schema: { type: 'boolean' } },
        ],
        responses: { '200': { description: 'OK' } },
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': gvk,
      },
    };
    const id = `io.k8s.sim.${group || 'core'}.${version}.${r.kind}`;
    schemas[id] = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, 'x-kubernetes-group-version-kind': [gvk] };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.31.0-kdrill-sim' }, paths, components: { schemas } };
}
