import { at, list, str, text } from '../columns/read.js';
import type { KubeObject } from '../types.js';
import { describeTime, writeEvents, writeMeta, type DescribeContext, type DescribeWriter } from './describe-writer.js';
import { writeNamespaceLimits } from './quota-describe.js';

/** `kubectl describe configmap`: every key with its value, then binary keys by size. */
export function describeConfigMap(w: DescribeWriter, cm: KubeObject, ctx: DescribeContext): void {
  writeMeta(w, cm);
  w.raw('\nData\n====\n');
  const data = (cm.data ?? {}) as Record<string, string>;
  for (const k of Object.keys(data).sort()) w.raw(`${k}:\n----\n${text(data[k])}\n\n`);
  w.raw('\nBinaryData\n====\n');
  const binary = (cm.binaryData ?? {}) as Record<string, string>;
  for (const k of Object.keys(binary).sort()) w.raw(`${k}: ${Buffer.from(text(binary[k]), 'base64').length} bytes\n`);
  w.raw('\n');
  writeEvents(w, ctx);
}

/** `kubectl describe secret`: keys and byte counts only, never a value. */
export function describeSecret(w: DescribeWriter, s: KubeObject, ctx: DescribeContext): void {
  writeMeta(w, s);
  w.raw(`\nType:\t${str(s.type)}\n\nData\n====\n`);
  const data = (s.data ?? {}) as Record<string, string>;
  for (const k of Object.keys(data).sort()) w.line(0, `${k}:`, `${Buffer.from(text(data[k]), 'base64').length} bytes`);
  void ctx;
}

/** `kubectl describe namespace`. */
export function describeNamespace(w: DescribeWriter, ns: KubeObject, ctx: DescribeContext): void {
  writeMeta(w, ns, { namespace: false });
  w.line(0, 'Status:', str(at(ns, 'status', 'phase')));
  const conditions = list(at(ns, 'status', 'conditions'));
  if (conditions.length) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type', 'Status', 'LastTransitionTime', 'Reason', 'Message');
    w.line(1, '----', '------', '------------------', '------', '-------');
    for (const c of conditions) w.line(1, str(at(c, 'type')), str(at(c, 'status')), describeTime(at(c, 'lastTransitionTime')), str(at(c, 'reason')), str(at(c, 'message')));
  }
  writeNamespaceLimits(w, ns, ctx);
}

/** `kubectl describe serviceaccount`. */
export function describeServiceAccount(w: DescribeWriter, sa: KubeObject, ctx: DescribeContext): void {
  writeMeta(w, sa);
  const names = (key: string) => list(at(sa, key)).map((x) => str(at(x, 'name')));
  const pulls = names('imagePullSecrets');
  w.line(0, 'Image pull secrets:', pulls.join(', ') || '<none>');
  const mountable = names('secrets');
  w.line(0, 'Mountable secrets:', mountable.join(', ') || '<none>');
  w.line(0, 'Tokens:', '<none>');
  writeEvents(w, ctx);
}
