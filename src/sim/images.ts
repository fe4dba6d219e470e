/** How a simulated container image behaves when pulled and run. */
export interface ImageBehaviour {
  /** `missing`: the registry has no such image (ErrImagePull, then ImagePullBackOff). */
  pull?: 'ok' | 'missing';
  /** The first N pulls of each container fail as a registry's rate limit answers (ErrImagePull, back-off), then it pulls. */
  pullFailures?: number;
  /** The container exits after running this long (CrashLoopBackOff under restartPolicy Always). */
  crash?: { afterSeconds: number; exitCode?: number; message?: string };
  /** `false`: the readiness probe never passes. */
  ready?: boolean;
  /** A slow starter: the readiness probe passes only once the container has run this long. */
  readyAfterSeconds?: number;
  /** The style of log lines the container writes. */
  logs?: LogStyle;
  /** Lines a second the container writes (default: a few, by style); benchmarks use thousands. */
  logsPerSecond?: number;
  /** For run-to-completion pods: how long the work takes. */
  runSeconds?: number;
  /** How the container answers HTTP on its ports (pods/proxy, services/proxy, port-forward, the demo's entry). */
  http?: HttpBehaviour;
  /** The shells the image carries (exec): bash and sh, sh only, or none (default: guessed from the name). */
  shells?: 'bash' | 'sh' | 'none';
}

/** How a simulated container answers HTTP: 200 with a body in its image's style unless set otherwise. */
export interface HttpBehaviour {
  /** The style of a 200 body (default: guessed from the image name). */
  body?: HttpBodyStyle;
  /** Every answer has this status (a failing application). */
  status?: number;
  /** Every answer comes this many (wall-clock) milliseconds late (a slow application). */
  delayMs?: number;
  /** Answers by path prefix, the longest prefix winning over the settings above. */
  paths?: Record<string, HttpPathBehaviour>;
  /** `refused`: nothing listens (connection refused); `hang`: connections are accepted, never answered. */
  listen?: 'ok' | 'refused' | 'hang';
}

/** How a container answers the requests under one path prefix. */
export interface HttpPathBehaviour {
  status?: number;
  delayMs?: number;
  /** The body instead of the image's own. */
  body?: string;
}

/** The styles of generated HTTP answers: nginx's welcome page, the ingress controller's 404, a JSON API, plain text. */
export type HttpBodyStyle = 'nginx' | 'ingress-nginx' | 'json' | 'text';

/** The styles of generated log lines. */
export type LogStyle = 'access' | 'app' | 'json';

const ACCESS_HINTS = /nginx|httpd|apache|traefik|envoy|haproxy|ingress|caddy|frontend|web/i;

/** An image reference taken apart as containerd reads it: `nginx` is `docker.io/library/nginx:latest`. */
export interface ImageRef {
  /** The full repository name (`docker.io/library/nginx`, `registry.example.com/shop/cart`). */
  repository: string;
  tag?: string;
  digest?: string;
}

/** Parses an image reference, normalised as containerd does (Docker Hub's implicit host and `library/`, tag `latest` when none). */
export function parseImageRef(image: string): ImageRef {
  const [name, digest] = image.split('@', 2) as [string, string | undefined];
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const tag = colon > slash ? name.slice(colon + 1) : undefined;
  let repository = colon > slash ? name.slice(0, colon) : name;
  const first = repository.split('/')[0];
  // A first component with a dot or a port, or `localhost`, is a registry host; anything else is on Docker Hub.
  if (!repository.includes('/')) repository = `docker.io/library/${repository}`;
  else if (!/[.:]/.test(first) && first !== 'localhost') repository = `docker.io/${repository}`;
  return { repository, ...(tag !== undefined ? { tag } : digest ? {} : { tag: 'latest' }), ...(digest ? { digest } : {}) };
}

/** The reference containerd pulls for an image, as its error messages name it (`docker.io/library/nginx:1.25`). */
export function fullReference(image: string): string {
  const r = parseImageRef(image);
  return `${r.repository}${r.tag !== undefined ? `:${r.tag}` : ''}${r.digest ? `@${r.digest}` : ''}`;
}

/**
 * The simulated registry: the repositories a scenario uses with their tags, and what each image
 * does. An unknown tag of a known repository is not found (ErrImagePull, then ImagePullBackOff),
 * as a real registry answers; an unknown repository pulls and runs fine (hand-written manifests).
 */
export class ImageCatalog {
  private readonly entries = new Map<string, ImageBehaviour>();
  private readonly tags = new Map<string, Set<string>>();

  /** Records that the registry holds an image: its repository becomes known, with this tag. */
  know(image: string): void {
    const r = parseImageRef(image);
    let tags = this.tags.get(r.repository);
    if (!tags) this.tags.set(r.repository, (tags = new Set()));
    if (r.tag !== undefined) tags.add(r.tag);
  }

  /**
   * Sets the behaviour of one image reference; the registry then holds that tag if it knows the
   * repository (a behaviour alone does not make a repository known: its other tags still pull).
   */
  set(image: string, behaviour: ImageBehaviour): void {
    this.entries.set(image, { ...this.entries.get(image), ...behaviour });
    if (this.tags.has(parseImageRef(image).repository)) this.know(image);
  }

  /** Whether the registry has no such image: its repository is known and this tag is not among its tags. */
  missing(image: string): boolean {
    const r = parseImageRef(image);
    const tags = this.tags.get(r.repository);
    // A digest cannot be checked against tags: the registry is taken to hold it.
    return !!tags && r.tag !== undefined && !r.digest && !tags.has(r.tag);
  }

  /** The known repositories with their tags, sorted (for messages and tests). */
  repositories(): Record<string, string[]> {
    return Object.fromEntries([...this.tags].sort(([a], [b]) => (a < b ? -1 : 1)).map(([repo, tags]) => [repo, [...tags].sort()]));
  }

  /** The behaviour of an image, with the log style guessed from its name when not set. */
  get(image: string): Required<Pick<ImageBehaviour, 'pull' | 'ready' | 'logs'>> & ImageBehaviour {
    const b = this.entries.get(image) ?? {};
    return { pull: this.missing(image) ? 'missing' : 'ok', ready: true, logs: ACCESS_HINTS.test(image) ? 'access' : 'app', ...b };
  }
}
