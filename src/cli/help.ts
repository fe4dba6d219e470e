import { CONFIG_ERROR_GRACE_MS, PROBE_DEFAULTS, READINESS_MARGIN_MS, UNSCHEDULABLE_GRACE_MS } from '../model/rollout/rollout-stuck.js';

/** `kdrill --help`. */
export const MAIN_HELP = `kdrill - a terminal explorer for Kubernetes

Usage:
  kdrill [flags]                 open the explorer on the current kubeconfig context
  kdrill --demo                  open the explorer on a built-in simulated cluster
  kdrill trace HOST[/PATH]       the route from a host to its containers, with what is broken
  kdrill rollout status|history KIND/NAME   follow a rollout (warning early when it is stuck)
  kdrill sim [flags]             run only the simulated cluster (for kubectl and tests)

Flags:
      --kubeconfig FILE          kubeconfig to use (default: $KUBECONFIG, then ~/.kube/config)
      --context NAME             kubeconfig context to use
  -n, --namespace NS             namespace to show (default: the context's, else "default")
  -A, --all-namespaces           show all namespaces
      --readonly                 send only get, list and watch requests
      --trace HOST[/PATH]        open on the route of a host (as kdrill trace shows it)
      --log-tail N               lines of a log to start with (default: 200)
      --log-buffer N             lines a log pane keeps (default: 10000)
      --no-color                 no colours (also when NO_COLOR is set)
      --demo                     use a simulated cluster instead of a kubeconfig
      --scenario NAME|DIR        with --demo: the scenario (default: demo)
      --log-file FILE            kdrill's own log, JSON lines (credentials are never written)
      --log-level LEVEL          debug, info (default), warn or error
  -h, --help                     show this help
  -v, --version                  show the version

Flags may stand before or after the command, as in kubectl (kdrill --demo trace HOST).
Run 'kdrill COMMAND --help' for a command's flags.
`;

/** `kdrill sim --help`. */
export const SIM_HELP = `kdrill sim - run a simulated Kubernetes cluster on 127.0.0.1

Usage:
  kdrill sim [flags]

Prints the path of a kubeconfig for the cluster as the first line of standard output,
then serves until interrupted (Ctrl-C, SIGTERM), removing its temporary files on exit.
With --detach it serves in the background: it prints the path once the cluster answers
and returns; --stop stops the one $KUBECONFIG points at.

Example:
  export KUBECONFIG=$(kdrill sim --detach)
  kubectl get pods -A
  kdrill sim --stop

Flags:
      --port N                   port to listen on (default: a free port)
      --scenario NAME|DIR        built-in scenario (demo, holmes, deploy-test, large) or a
                                 directory of YAML manifests (default: demo)
      --scale X                  with --scenario large: its size (1: 30,000 pods; 0.1: 3,000)
      --pod-updates N            update N pods a second (a busy cluster's status churn)
      --kubeconfig-out FILE      where to write the kubeconfig (default: a temporary file)
      --speed X                  simulated seconds per real second (default: 1)
      --no-churn                 do not roll deployments periodically
      --detach                   serve in the background: print the kubeconfig path and return
      --stop                     stop the background simulator of $KUBECONFIG (or --kubeconfig-out)
  -h, --help                     show this help
`;

/** `kdrill trace --help`. */
export const TRACE_HELP = `kdrill trace - the route from a host to the containers that serve it

Usage:
  kdrill trace HOST[/PATH] [flags]

Walks host -> Ingress rule and path -> Service port -> the pods its selector picks ->
containers, and names every broken link (missing Service, selector matching nothing,
no ready endpoints, crash-looping pods, missing TLS Secret...).

Exit status: 0 healthy, 1 degraded or broken, 2 no Ingress serves the host,
3 cluster or usage error.

Flags:
  -n, --namespace NS             only Ingresses (and Services, pods) in this namespace
  -o, --output text|json         output format (default: text); JSON schema in the README
  -w, --watch                    print again whenever the route changes (Ctrl-C stops)
      --no-color                 no colours (also when NO_COLOR is set or not a terminal)
      --kubeconfig FILE          kubeconfig to use
      --context NAME             kubeconfig context to use
      --demo                     trace on the built-in simulated cluster
      --scenario NAME|DIR        with --demo: the scenario (default: demo)
  -h, --help                     show this help

Example:
  kdrill trace holmes.test.shopeekredit.co.id --demo
`;

/** `kdrill rollout --help`. */
export const ROLLOUT_HELP = `kdrill rollout - follow a rollout, or list its revisions

Usage:
  kdrill rollout status KIND/NAME [flags]
  kdrill rollout history deployment/NAME [flags]

status prints what 'kubectl rollout status' prints as the rollout goes (a line for each
change of the workload; on a terminal, one line redrawn in place) and ends as kubectl does:
  0  when the rollout is complete,
  1  when it fails (its progress deadline is exceeded) or --timeout passes,
  2  on a usage error, 3 on a cluster error.

Before any deadline, when the new pods show the rollout is stuck, it says so on stderr
("warning: rollout stuck: ...") and keeps following. A condition counts once it persists:
ImagePullBackOff (not a first ErrImagePull), CrashLoopBackOff, InvalidImageName; running
unready past the probes' budget (initialDelaySeconds + periodSeconds x failureThreshold,
defaults ${PROBE_DEFAULTS.initialDelaySeconds} + ${PROBE_DEFAULTS.periodSeconds} x ${PROBE_DEFAULTS.failureThreshold}, startup probe included) plus ${READINESS_MARGIN_MS / 1000}s; CreateContainerConfigError
for ${CONFIG_ERROR_GRACE_MS / 60_000}m; Unschedulable for ${UNSCHEDULABLE_GRACE_MS / 60_000}m. With --fail-early that diagnosis ends it with exit 1 instead.

KIND/NAME may be written as kubectl takes it: KIND/NAME or KIND NAME, KIND being deployment
(deploy, deployments), statefulset (sts) or daemonset (ds), with or without its group
(deployments.apps/web, deployments.v1.apps/web).

Flags:
  -n, --namespace NS             the workload's namespace (default: the context's)
      --timeout D                give up after D (e.g. 90s, 5m; default: never)
      --fail-early               exit 1 as soon as the rollout is diagnosed stuck
      --kubeconfig FILE          kubeconfig to use
      --context NAME             kubeconfig context to use
      --demo                     use the built-in simulated cluster (namespace deploy-test)
      --scenario NAME|DIR        with --demo: the scenario (default: demo)
  -h, --help                     show this help
`;
