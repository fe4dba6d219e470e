import { at, int, list, str } from '../columns/read.js';
import { readIngress, type IngressBackend } from '../ingress-shape.js';
import { ingressAddresses } from '../route/trace-ingress.js';
import type { KubeObject } from '../types.js';
import { formatEndpointSlices } from './endpoints-text.js';
import { writeAnnotations, writeEvents, writeLabels, type DescribeContext, type DescribeWriter } from './describe-writer.js';

/** A backend as kubectl shows it: `svc:port (ip:port,...)`, the endpoints of that Service port. */
function backendText(ctx: DescribeContext, namespace: string, b: IngressBackend | undefined): string {
  if (b?.service) {
    const { name, port } = b.service;
    const label = `${name}:${port.number ? port.number : (port.name ?? '')}`;
    const svc = ctx.indexes.services.get(namespace, name);
    if (!svc) return `${label} (<error: services "${name}" not found>)`;
    // As kubectl: the last Service port matching the backend's number or name.
    let portName = '';
    for (const p of list(at(svc, 'spec', 'ports'))) {
      if ((port.number && port.number === int(at(p, 'port'))) || (port.name && port.name === str(at(p, 'name')))) portName = str(at(p, 'name'));
    }
    return `${label} (${formatEndpointSlices(ctx.indexes.slicesByService.get(`${namespace}/${name}`), portName)})`;
  }
  if (b?.resource) return `APIGroup: ${b.resource.apiGroup ?? '<none>'}, Kind: ${b.resource.kind ?? ''}, Name: ${b.resource.name ?? ''}`;
  return '';
}

/** `kubectl describe ingress`: the rules table with each backend resolved to its endpoints. */
export function describeIngress(w: DescribeWriter, ing: KubeObject, ctx: DescribeContext): void {
  const ns = String(ing.metadata?.namespace ?? '');
  const shape = readIngress(ing);
  w.line(0, 'Name:', String(ing.metadata?.name ?? ''));
  writeLabels(w, 0, 'Labels', ing.metadata?.labels);
  w.line(0, 'Namespace:', ns);
  w.line(0, 'Address:', ingressAddresses(ing).join(','));
  w.line(0, 'Ingress Class:', str(at(ing, 'spec', 'ingressClassName')) || '<none>');
  const defaultBackend = shape.defaultBackend ? backendText(ctx, ns, shape.defaultBackend) : '<default>';
  w.line(0, 'Default backend:', defaultBackend);
  if (shape.tls.length) {
    w.line(0, 'TLS:');
    for (const t of shape.tls) w.line(1, t.secretName ? `${t.secretName} terminates ${t.hosts.join(',')}` : `SNI routes ${t.hosts.join(',')}`);
  }
  w.line(0, 'Rules:');
  w.line(1, 'Host', 'Path', 'Backends');
  w.line(1, '----', '----', '--------');
  // Rules without http are left out, as kubectl does.
  const rules = shape.rules.filter((_, i) => at(ing, 'spec', 'rules', i, 'http'));
  for (const r of rules) {
    w.line(1, r.host || '*', '');
    for (const p of r.paths) w.line(2, '', `${p.path} `, backendText(ctx, ns, p.backend));
  }
  if (!rules.length) w.line(1, '*', '*', defaultBackend);
  writeAnnotations(w, 0, ing.metadata?.annotations);
  writeEvents(w, ctx);
}
