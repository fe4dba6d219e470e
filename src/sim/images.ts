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

/** The simulated registry: what each image does; unknown images pull and run fine. */
export class ImageCatalog {
  private readonly entries = new Map<string, ImageBehaviour>();

  /** Sets the behaviour of one image reference. */
  set(image: string, behaviour: ImageBehaviour): void {
    this.entries.set(image, { ...this.entries.get(image), ...behaviour });
  }

  /** The behaviour of an image, with the log style guessed from its name when not set. */
  get(image: string): Required<Pick<ImageBehaviour, 'pull' | 'ready' | 'logs'>> & ImageBehaviour {
    const b = this.entries.get(image) ?? {};
    return { pull: 'ok', ready: true, logs: ACCESS_HINTS.test(image) ? 'access' : 'app', ...b };
  }
}
