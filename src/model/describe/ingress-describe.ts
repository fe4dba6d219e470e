import { at, int, list, str } from '../columns/read.js';
import { readIngress, type IngressBackend } from '../ingress-shape.js';
import { ingressAddresses } from '../route/trace-ingress.js';
import type { KubeObject } from '../types.js';
import { writeAnnotations, writeEvents, writeLabels, type DescribeContext, type DescribeWriter } from './describe-writer.js';

/** A backend as kubectl shows it: `svc:port (ip:port,...)`, the endpoints of that Service port. */
function backendText(ctx: DescribeContext, namespace: string, b: IngressBackend | undefined): string {
  if (!b) return '<default>';
  if (!b.service) return `APIGroup: ${b.resource?.apiGroup ?? ''}, Kind: ${b.resource?.kind ?? ''}, Name: ${b.resource?.name ?? ''}`;
  const port = b.service.port.name ?? String(b.service.port.number ?? '');
  const svc = ctx.indexes.services.get(namespace, b.service.name);
  if (!svc) return `${b.service.name}:${port} (<error: services "${b.service.name}" not found>)`;
  const svcPort = list(at(svc, 'spec', 'ports')).find((p) => (b.service!.port.name ? str(at(p, 'name')) === b.service!.port.name : int(at(p, 'port')) === b.service!.port.number));
  const portName = str(at(svcPort, 'name'));
  const addresses: string[] = [];
  for (const s of ctx.indexes.slicesByService.get(`${namespace}/${b.service.name}`)) {
    const p = list(s.ports).find((x) => str(at(x, 'name')) === portName);
    if (!p) continue;
    for (const e of list(s.endpoints)) for (const a of list(at(e, 'addresses'))) addresses.push(`${str(a)}:${int(at(p, 'port'))}`);
  }
  const shown = addresses.length > 3 ? `${addresses.slice(0, 3).join(',')} + ${addresses.length - 3} more...` : addresses.join(',');
  return `${b.service.name}:${port} (${shown})`;
}

/** `kubectl describe ingress`: the rules table with each backend resolved to its endpoints. */
export function describeIngress(w: DescribeWriter, ing: KubeObject, ctx: DescribeContext): void {
  const ns = String(ing.metadata?.namespace ?? '');
  const shape = readIngress(ing);
  w.line(0, 'Name:', String(ing.metadata?.name ?? ''));
  writeLabels(w, 0, 'Labels', ing.metadata?.labels);
  w.line(0, 'Namespace:', ns);
  w.line(0, 'Address:', ingressAddresses(ing).join(','));
  w.line(0, 'Ingress Class:', shape.className ?? '<none>');
  w.line(0, 'Default backend:', backendText(ctx, ns, shape.defaultBackend));
  if (shape.tls.length) {
    w.line(0, 'TLS:');
    for (const t of shape.tls) w.line(1, t.secretName ? `${t.secretName} terminates ${t.hosts.join(',')}` : `SNI routes ${t.hosts.join(',')}`);
  }
  w.line(0, 'Rules:');
  w.line(1, 'Host', 'Path', 'Backends');
  w.line(1, '----', '----', '--------');
  for (const r of shape.rules) {
    w.line(1, r.host || '*', '');
    for (const p of r.paths) w.line(1, '', `${p.path || '/'} `, backendText(ctx, ns, p.backend));
  }
  if (!shape.rules.length) w.line(1, '*', '*', backendText(ctx, ns, shape.defaultBackend));
  writeAnnotations(w, 0, ing.metadata?.annotations);
  writeEvents(w, ctx.events, ctx.now);
}
