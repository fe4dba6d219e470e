import { at, int, list, str, text } from '../columns/read.js';
import { timestampMs } from '../format/duration.js';
import { formatSelector, fromLabelSelector } from '../label-selector.js';
import type { KubeObject } from '../types.js';
import { writeAnnotations, writeEvents, writeLabels, type DescribeContext, type DescribeWriter } from './describe-writer.js';

/** metav1.FormatLabelSelector: `<none>` for an empty selector. */
const selectorText = (sel: unknown) => {
  const s = fromLabelSelector(sel as never);
  return s && s.length ? formatSelector(s) : '<none>';
};

const unset = (v: unknown) => (v === undefined || v === null ? '<unset>' : text(v));

/** `kubectl describe endpointslice`: its ports as a table, then each endpoint. */
export function describeEndpointSlice(w: DescribeWriter, eps: KubeObject, ctx: DescribeContext): void {
  w.line(0, 'Name:', String(eps.metadata?.name ?? ''));
  w.line(0, 'Namespace:', String(eps.metadata?.namespace ?? ''));
  writeLabels(w, 0, 'Labels', eps.metadata?.labels);
  writeAnnotations(w, 0, eps.metadata?.annotations);
  w.line(0, 'AddressType:', str(eps.addressType));
  const ports = list(eps.ports);
  if (!ports.length) w.raw('Ports: <unset>\n');
  else {
    w.line(0, 'Ports:');
    w.line(1, 'Name', 'Port', 'Protocol');
    w.line(1, '----', '----', '--------');
    for (const p of ports) w.line(1, str(at(p, 'name')) || '<unset>', typeof at(p, 'port') === 'number' ? int(at(p, 'port')) : '<unset>', str(at(p, 'protocol')));
  }
  const endpoints = list(eps.endpoints);
  if (!endpoints.length) w.raw('Endpoints: <none>\n');
  else {
    w.line(0, 'Endpoints:');
    for (const e of endpoints) {
      w.line(1, '- Addresses:', list(at(e, 'addresses')).map(String).join(', ') || '<none>');
      w.line(2, 'Conditions:');
      w.line(3, 'Ready:', unset(at(e, 'conditions', 'ready')));
      w.line(2, 'Hostname:', unset(at(e, 'hostname')));
      if (at(e, 'targetRef')) w.line(2, 'TargetRef:', `${str(at(e, 'targetRef', 'kind'))}/${str(at(e, 'targetRef', 'name'))}`);
      w.line(2, 'NodeName:', unset(at(e, 'nodeName')));
      w.line(2, 'Zone:', unset(at(e, 'zone')));
    }
  }
  writeEvents(w, ctx);
}

/** `kubectl describe ingressclass`. */
export function describeIngressClass(w: DescribeWriter, ic: KubeObject, ctx: DescribeContext): void {
  w.line(0, 'Name:', String(ic.metadata?.name ?? ''));
  writeLabels(w, 0, 'Labels', ic.metadata?.labels);
  writeAnnotations(w, 0, ic.metadata?.annotations);
  w.line(0, 'Controller:', str(at(ic, 'spec', 'controller')));
  const params = at(ic, 'spec', 'parameters');
  if (params) {
    w.line(0, 'Parameters:');
    if (typeof at(params, 'apiGroup') === 'string') w.line(1, 'APIGroup:', str(at(params, 'apiGroup')));
    w.line(1, 'Kind:', str(at(params, 'kind')));
    w.line(1, 'Name:', str(at(params, 'name')));
  }
  writeEvents(w, ctx);
}

/** Go's time.Time String() of a timestamp: `2026-11-28 18:12:27 +0000 UTC`. */
function goTimeString(value: unknown): string {
  const ms = timestampMs(value);
  if (ms === undefined) return '0001-01-01 00:00:00 +0000 UTC';
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} +0000 UTC`;
}

/** The peers and ports of a policy's ingress (`From`) or egress (`To`) rules, as kubectl lists them. */
function writeRules(w: DescribeWriter, rules: readonly unknown[], peers: 'from' | 'to', direction: 'ingress' | 'egress'): void {
  const I = '    ';
  const label = peers === 'from' ? 'From' : 'To';
  if (!rules.length) return w.raw(`${I}<none> (Selected pods are isolated for ${direction} connectivity)\n`);
  rules.forEach((rule, i) => {
    const ports = list(at(rule, 'ports'));
    if (!ports.length) w.raw(`${I}To Port: <any> (traffic allowed to all ports)\n`);
    for (const p of ports) {
      const proto = str(at(p, 'protocol')) || 'TCP';
      const port = text(at(p, 'port'));
      w.raw(typeof at(p, 'endPort') === 'number' ? `${I}To Port Range: ${port}-${int(at(p, 'endPort'))}/${proto}\n` : `${I}To Port: ${port}/${proto}\n`);
    }
    const list_ = list(at(rule, peers));
    if (!list_.length) w.raw(`${I}${label}: <any> (traffic not restricted by ${peers === 'from' ? 'source' : 'destination'})\n`);
    for (const peer of list_) {
      w.raw(`${I}${label}:\n`);
      const pods = at(peer, 'podSelector');
      const namespaces = at(peer, 'namespaceSelector');
      if (namespaces) w.raw(`  ${I}NamespaceSelector: ${selectorText(namespaces)}\n`);
      if (pods) w.raw(`  ${I}PodSelector: ${selectorText(pods)}\n`);
      const block = at(peer, 'ipBlock');
      if (!pods && !namespaces && block) {
        w.raw(`  ${I}IPBlock:\n`);
        w.raw(`    ${I}CIDR: ${str(at(block, 'cidr'))}\n`);
        w.raw(`    ${I}Except: ${list(at(block, 'except')).map(String).join(', ')}\n`);
      }
    }
    if (i !== rules.length - 1) w.raw(`${I}----------\n`);
  });
}

/** `kubectl describe networkpolicy` (kubectl shows no events for it). */
export function describeNetworkPolicy(w: DescribeWriter, np: KubeObject): void {
  w.line(0, 'Name:', String(np.metadata?.name ?? ''));
  w.line(0, 'Namespace:', String(np.metadata?.namespace ?? ''));
  w.line(0, 'Created on:', goTimeString(np.metadata?.creationTimestamp));
  writeLabels(w, 0, 'Labels', np.metadata?.labels);
  writeAnnotations(w, 0, np.metadata?.annotations);
  w.raw('Spec:\n');
  const pods = at(np, 'spec', 'podSelector');
  const podText = selectorText(pods);
  w.raw(`  PodSelector:     ${podText === '<none>' ? '<none> (Allowing the specific traffic to all pods in this namespace)' : podText}\n`);
  const types = list(at(np, 'spec', 'policyTypes')).map(String);
  if (types.includes('Ingress')) {
    w.raw('  Allowing ingress traffic:\n');
    writeRules(w, list(at(np, 'spec', 'ingress')), 'from', 'ingress');
  } else w.raw('  Not affecting ingress traffic\n');
  if (types.includes('Egress')) {
    w.raw('  Allowing egress traffic:\n');
    writeRules(w, list(at(np, 'spec', 'egress')), 'to', 'egress');
  } else w.raw('  Not affecting egress traffic\n');
  w.raw(`  Policy Types: ${types.join(', ') || '<none>'}\n`);
}
