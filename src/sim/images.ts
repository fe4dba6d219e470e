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
}

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
