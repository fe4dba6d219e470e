import { at, int, list, str, text } from '../columns/read.js';
import { describeTime, type DescribeWriter } from './describe-writer.js';

const portOf = (v: unknown): string => (typeof v === 'number' ? String(v) : str(v));

/** A probe as kubectl describe prints it: `http-get http://:http/livez delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function probeLine(p: unknown): string {
  const timing = `delay=${int(at(p, 'initialDelaySeconds'))}s timeout=${int(at(p, 'timeoutSeconds') ?? 1)}s period=${int(at(p, 'periodSeconds') ?? 10)}s #success=${int(at(p, 'successThreshold') ?? 1)} #failure=${int(at(p, 'failureThreshold') ?? 3)}`;
  const http = at(p, 'httpGet');
  if (http) return `http-get ${(str(at(http, 'scheme')) || 'HTTP').toLowerCase()}://${str(at(http, 'host'))}:${portOf(at(http, 'port'))}${str(at(http, 'path'))} ${timing}`;
  const tcp = at(p, 'tcpSocket');
  if (tcp) return `tcp-socket ${str(at(tcp, 'host'))}:${portOf(at(tcp, 'port'))} ${timing}`;
  const grpc = at(p, 'grpc');
  if (grpc) return `grpc <pod>:${portOf(at(grpc, 'port'))} ${str(at(grpc, 'service')) || '<service>'} ${timing}`;
  const exec = at(p, 'exec');
  if (exec) return `exec [${list(at(exec, 'command')).map(String).join(' ')}] ${timing}`;
  return `unknown ${timing}`;
}

function envValue(e: unknown): string {
  const from = at(e, 'valueFrom');
  if (!from) return str(at(e, 'value'));
  const field = at(from, 'fieldRef');
  if (field) return ` (${str(at(field, 'apiVersion'))}:${str(at(field, 'fieldPath'))})`;
  const res = at(from, 'resourceFieldRef');
  if (res) return `${str(at(res, 'resource'))} (${str(at(res, 'containerName'))})`;
  // Secret values are never shown: only where they come from.
  const secret = at(from, 'secretKeyRef');
  if (secret) return `<set to the key '${str(at(secret, 'key'))}' in secret '${str(at(secret, 'name'))}'>\tOptional: ${at(secret, 'optional') === true}`;
  const cm = at(from, 'configMapKeyRef');
  if (cm) return `<set to the key '${str(at(cm, 'key'))}' of config map '${str(at(cm, 'name'))}'>\tOptional: ${at(cm, 'optional') === true}`;
  return '';
}

function writeState(w: DescribeWriter, title: string, s: unknown): void {
  if (at(s, 'running')) {
    w.line(2, `${title}:`, 'Running');
    w.line(3, 'Started:', describeTime(at(s, 'running', 'startedAt')));
  } else if (at(s, 'waiting')) {
    w.line(2, `${title}:`, 'Waiting');
    w.line(3, 'Reason:', str(at(s, 'waiting', 'reason')));
  } else if (at(s, 'terminated')) {
    const t = at(s, 'terminated');
    w.line(2, `${title}:`, 'Terminated');
    w.line(3, 'Reason:', str(at(t, 'reason')));
    if (str(at(t, 'message'))) w.line(3, 'Message:', str(at(t, 'message')));
    w.line(3, 'Exit Code:', int(at(t, 'exitCode')));
    if (int(at(t, 'signal'))) w.line(3, 'Signal:', int(at(t, 'signal')));
    w.line(3, 'Started:', describeTime(at(t, 'startedAt')));
    w.line(3, 'Finished:', describeTime(at(t, 'finishedAt')));
  } else {
    w.line(2, `${title}:`, 'Waiting');
  }
}

function writeResources(w: DescribeWriter, resources: unknown): void {
  for (const kind of ['limits', 'requests'] as const) {
    const m = at(resources, kind) as Record<string, string> | undefined;
    if (!m || !Object.keys(m).length) continue;
    w.line(2, `${kind === 'limits' ? 'Limits' : 'Requests'}:`);
    for (const k of Object.keys(m).sort()) w.line(3, `${k}:`, text(m[k]));
  }
}

/**
 * The containers of a pod or a pod template, in kubectl describe's order: identity, ports,
 * command, state (with status), resources, probes, environment, mounts. `nameIndent` is the
 * extra space kubectl puts before container names inside a template.
 */
export function writeContainers(w: DescribeWriter, title: string, containers: unknown, statuses: unknown, template: boolean): void {
  const items = list(containers);
  w.raw(`${template ? '  ' : ''}${title}:\n`);
  for (const c of items) {
    const name = str(at(c, 'name'));
    const st = list(statuses).find((s) => at(s, 'name') === name);
    w.raw(`${template ? '   ' : '  '}${name}:\n`);
    if (st) w.line(2, 'Container ID:', str(at(st, 'containerID')));
    w.line(2, 'Image:', str(at(c, 'image')));
    if (st) w.line(2, 'Image ID:', str(at(st, 'imageID')));
    const ports = list(at(c, 'ports'));
    const portText = ports.map((p) => `${int(at(p, 'containerPort'))}/${str(at(p, 'protocol')) || 'TCP'}`).join(', ');
    const hostText = ports.map((p) => `${int(at(p, 'hostPort'))}/${str(at(p, 'protocol')) || 'TCP'}`).join(', ');
    w.line(2, ports.length > 1 ? 'Ports:' : 'Port:', portText || '<none>');
    w.line(2, ports.length > 1 ? 'Host Ports:' : 'Host Port:', hostText || '<none>');
    for (const [key, label] of [['command', 'Command'], ['args', 'Args']] as const) {
      const words = list(at(c, key));
      if (!words.length) continue;
      w.line(2, `${label}:`);
      for (const word of words) for (const l of String(word).split('\n')) w.line(3, l);
    }
    if (st) {
      writeState(w, 'State', at(st, 'state'));
      if (at(st, 'lastState', 'terminated') || at(st, 'lastState', 'running') || at(st, 'lastState', 'waiting')) writeState(w, 'Last State', at(st, 'lastState'));
      w.line(2, 'Ready:', at(st, 'ready') ? 'True' : 'False');
      w.line(2, 'Restart Count:', int(at(st, 'restartCount')));
    }
    writeResources(w, at(c, 'resources'));
    for (const [key, label] of [['livenessProbe', 'Liveness'], ['readinessProbe', 'Readiness'], ['startupProbe', 'Startup']] as const) {
      if (at(c, key)) w.line(2, `${label}:`, probeLine(at(c, key)));
    }
    const envFrom = list(at(c, 'envFrom'));
    if (envFrom.length) {
      w.line(2, 'Environment Variables from:');
      for (const f of envFrom) {
        const cm = at(f, 'configMapRef');
        const ref = cm ?? at(f, 'secretRef');
        w.line(3, str(at(ref, 'name')), `${cm ? 'ConfigMap' : 'Secret'}${str(at(f, 'prefix')) ? ` with prefix '${str(at(f, 'prefix'))}'` : ''}`, `Optional: ${at(ref, 'optional') === true}`);
      }
    }
    const env = list(at(c, 'env'));
    if (!env.length) w.line(2, 'Environment:', '<none>');
    else {
      w.line(2, 'Environment:');
      for (const e of env) w.line(3, `${str(at(e, 'name'))}:`, envValue(e));
    }
    const mounts = list(at(c, 'volumeMounts'));
    if (!mounts.length) w.line(2, 'Mounts:', '<none>');
    else {
      w.line(2, 'Mounts:');
      for (const m of [...mounts].sort((a, b) => (str(at(a, 'mountPath')) < str(at(b, 'mountPath')) ? -1 : 1))) {
        const flags = [at(m, 'readOnly') ? 'ro' : 'rw', ...(str(at(m, 'subPath')) ? [`path="${str(at(m, 'subPath'))}"`] : [])];
        w.line(3, `${str(at(m, 'mountPath'))} from ${str(at(m, 'name'))} (${flags.join(',')})`);
      }
    }
  }
}
