import type { KubeObject } from '../../model/types.js';
import type { ImageCatalog } from '../images.js';
import type { ObjectStore } from '../store.js';

/** Which shells an image carries: bash and sh (a Debian base), sh only (Alpine, BusyBox), or none (distroless). */
export type ImageShells = 'bash' | 'sh' | 'none';

/** What a process started in a container sees: its name, user, environment, files and processes. */
export interface ContainerEnv {
  pod: KubeObject;
  container: string;
  image: string;
  hostname: string;
  podIP: string;
  shells: ImageShells;
  root: boolean;
  env: Record<string, string>;
  /** Files by absolute path; directories are the paths' prefixes. */
  files: Map<string, string>;
  /** The container's main process command line (PID 1). */
  mainProcess: string;
}

const SH_ONLY = /alpine|busybox|prometheus|node-?exporter|ingress-?nginx|kube-?proxy/i;
const NO_SHELL = /distroless|coredns|scratch|pause/i;

/** The shells an image has, guessed from its name when the catalog does not say. */
export function imageShells(images: ImageCatalog, image: string): ImageShells {
  return images.get(image).shells ?? (NO_SHELL.test(image) ? 'none' : SH_ONLY.test(image) ? 'sh' : 'bash');
}

function decode(value: string | undefined): string {
  return value === undefined ? '' : Buffer.from(value, 'base64').toString('utf8');
}

/** The value an env var's `valueFrom` gives, read from the pod or the objects it names ('' when absent). */
function valueFrom(store: ObjectStore, pod: KubeObject, from: any): string {
  const ns = pod.metadata?.namespace;
  if (from?.fieldRef?.fieldPath) {
    const path = String(from.fieldRef.fieldPath);
    const fields: Record<string, unknown> = { 'metadata.name': pod.metadata?.name, 'metadata.namespace': ns, 'spec.nodeName': pod.spec?.nodeName, 'spec.serviceAccountName': pod.spec?.serviceAccountName, 'status.podIP': pod.status?.podIP, 'status.hostIP': pod.status?.hostIP };
    return String(fields[path] ?? '');
  }
  if (from?.configMapKeyRef) return String(store.get('configmaps', ns, from.configMapKeyRef.name)?.data?.[from.configMapKeyRef.key] ?? '');
  if (from?.secretKeyRef) return decode(store.get('secrets', ns, from.secretKeyRef.name)?.data?.[from.secretKeyRef.key]);
  return '';
}

/** The files of the volumes a container mounts: ConfigMap and Secret keys, and the service account's namespace. */
function mountedFiles(store: ObjectStore, pod: KubeObject, c: any, files: Map<string, string>): void {
  const ns = pod.metadata?.namespace;
  const volumes = new Map<string, any>((pod.spec?.volumes ?? []).map((v: any) => [v.name, v]));
  for (const m of c.volumeMounts ?? []) {
    const v = volumes.get(m.name);
    const at = String(m.mountPath ?? '').replace(/\/$/, '');
    if (!v || !at) continue;
    if (v.configMap) for (const [k, text] of Object.entries(store.get('configmaps', ns, v.configMap.name)?.data ?? {})) files.set(`${at}/${k}`, String(text));
    else if (v.secret) for (const [k, text] of Object.entries(store.get('secrets', ns, v.secret.secretName)?.data ?? {})) files.set(`${at}/${k}`, decode(String(text)));
    else if (v.projected) files.set(`${at}/namespace`, `${ns}`);
    else files.set(`${at}/.keep`, '');
  }
}

/** The environment a process in `container` of `pod` runs with, as the kubelet and the image set it up. */
export function containerEnv(store: ObjectStore, images: ImageCatalog, pod: KubeObject, container: string): ContainerEnv {
  const c = (pod.spec?.containers ?? []).find((x: any) => x.name === container) ?? {};
  const image = String(c.image ?? '');
  const hostname = String(pod.spec?.hostname ?? pod.metadata?.name ?? '');
  const podIP = String(pod.status?.podIP ?? '');
  const user = c.securityContext?.runAsUser ?? pod.spec?.securityContext?.runAsUser;
  const root = !(user > 0 || c.securityContext?.runAsNonRoot || pod.spec?.securityContext?.runAsNonRoot);
  const shells = imageShells(images, image);
  const api = store.get('services', 'default', 'kubernetes');
  const env: Record<string, string> = {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOSTNAME: hostname,
    HOME: root ? '/root' : '/',
    KUBERNETES_SERVICE_HOST: String(api?.spec?.clusterIP ?? '10.96.0.1'),
    KUBERNETES_SERVICE_PORT: '443',
  };
  for (const from of c.envFrom ?? []) {
    const ns = pod.metadata?.namespace;
    const data = from.configMapRef ? store.get('configmaps', ns, from.configMapRef.name)?.data : from.secretRef ? store.get('secrets', ns, from.secretRef.name)?.data : undefined;
    for (const [k, v] of Object.entries(data ?? {})) env[`${from.prefix ?? ''}${k}`] = from.secretRef ? decode(String(v)) : String(v);
  }
  for (const e of c.env ?? []) env[e.name] = e.value !== undefined ? String(e.value) : valueFrom(store, pod, e.valueFrom);
  const ns = String(pod.metadata?.namespace ?? 'default');
  const debian = shells === 'bash';
  const files = new Map<string, string>([
    ['/etc/hostname', `${hostname}\n`],
    ['/etc/hosts', `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${podIP}\t${hostname}\n`],
    ['/etc/resolv.conf', `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`],
    ['/etc/os-release', debian ? 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n' : 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME="Alpine Linux v3.19"\n'],
    ['/var/run/secrets/kubernetes.io/serviceaccount/namespace', ns],
    ...['/bin/.keep', '/dev/.keep', '/home/.keep', '/proc/.keep', '/root/.keep', '/run/.keep', '/sys/.keep', '/tmp/.keep', '/usr/.keep'].map((p): [string, string] => [p, '']),
  ]);
  mountedFiles(store, pod, c, files);
  const command = [...(c.command ?? []), ...(c.args ?? [])].join(' ');
  const mainProcess = command || (/nginx/.test(image) ? 'nginx: master process nginx -g daemon off;' : (image.split('/').pop() ?? image).split(':')[0]);
  return { pod, container, image, hostname, podIP, shells, root, env, files, mainProcess };
}

/** The entries directly under a directory (names, a trailing / for directories); undefined when there is no such directory. */
export function listDirectory(files: Map<string, string>, dir: string): string[] | undefined {
  const base = dir === '/' ? '/' : `${dir.replace(/\/$/, '')}/`;
  const names = new Set<string>();
  for (const path of files.keys()) {
    if (!path.startsWith(base)) continue;
    const rest = path.slice(base.length).split('/');
    if (rest[0] === '.keep') continue;
    names.add(rest.length > 1 ? `${rest[0]}/` : rest[0]);
  }
  return names.size || [...files.keys()].some((p) => p.startsWith(base)) ? [...names].sort() : undefined;
}
