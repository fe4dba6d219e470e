import { CONFIG_ERROR_GRACE_MS, PROBE_DEFAULTS, READINESS_MARGIN_MS, UNSCHEDULABLE_GRACE_MS } from '../model/rollout/rollout-stuck.js';

/** `kdrill --help`. */
export const MAIN_HELP = `kdrill - a terminal explorer for Kubernetes

Usage:
  kdrill [flags]                 open the explorer on the current kubeconfig context
  kdrill --demo                  open the explorer on a built-in simulated cluster
  kdrill trace HOST[/PATH]       the route from a host to its containers, with what is broken
  kdrill rollout status|history|undo KIND/NAME   follow a rollout (warning early when it is stuck), its revisions, undo
  kdrill port-forward TYPE/NAME [LOCAL:]REMOTE...   forward local ports to a pod or service (as kubectl)
  kdrill sim [flags]             run only the simulated cluster (for kubectl and tests)
  kdrill snapshot -o DIR|FILE.tar.gz   write a cluster's state to disk (for a bug report)
  kdrill --snapshot DIR|FILE     explore a snapshot (also: trace, rollout --snapshot)
  kdrill completion bash|zsh|fish   a shell completion script (source <(kdrill completion bash))

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
      --snapshot DIR|FILE        explore a snapshot taken by 'kdrill snapshot' (read-only, not live)
      --log-file FILE            kdrill's own log, JSON lines (credentials are never written)
      --log-level LEVEL          debug, info (default), warn or error
      --check-config             show what kdrill reads from its config and k9s's files, and what it ignores
  -h, --help                     show this help
  -v, --version                  show the version

Config: $KDRILL_CONFIG, else $XDG_CONFIG_HOME/kdrill/config.yaml (~/.config/kdrill/config.yaml):
defaults for these flags, per-context settings (contexts: prod*: readonly: true), a theme.

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

It also answers DNS for the demo's hosts on a loopback UDP port, named in the kubeconfig's
cluster extension kdrill.dev/dns-server: kdrill trace with that kubeconfig asks it.

Flags:
      --port N                   port to listen on (default: a free port)
      --scenario NAME|DIR        built-in scenario (demo, holmes, deploy-test, large) or a
                                 directory of YAML manifests (default: demo)
      --snapshot DIR|FILE        serve a snapshot taken by 'kdrill snapshot' (frozen, read-only)
      --scale X                  with --scenario large: its size (1: 30,000 pods; 0.1: 3,000)
      --pod-updates N            update N pods a second (a busy cluster's status churn)
      --kubeconfig-out FILE      where to write the kubeconfig (default: a temporary file)
      --speed X                  simulated seconds per real second (default: 1)
      --no-churn                 do not roll deployments periodically
      --no-metrics               serve no metrics.k8s.io (as a cluster without metrics-server)
      --metric-resolution D      metrics-server's scrape interval, the window of its answers
                                 (default: 15s)
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

Before the cluster: what the host resolves to, compared with the cluster's entry addresses
(information only: it never changes the verdict), and with --edge-config the edge proxy's
nginx server block, location and upstream servers, each matched to an entry point.
HOST alone is what a browser tries (https/443 when the edge or the cluster has TLS for it);
http://HOST and HOST:PORT choose.

Exit status: 0 healthy, 1 degraded or broken, 2 no Ingress serves the host,
3 cluster or usage error.

Flags:
  -n, --namespace NS             only Ingresses (and Services, pods) in this namespace
  -o, --output text|json         output format (default: text); JSON schema in the README
  -w, --watch                    print again whenever the route changes (Ctrl-C stops)
      --probe                    send one request per hop (pods and Services through the API
                                 server's pods/proxy and services/proxy, the entry directly),
                                 innermost first, 3 s each, and name the hop that fails
      --probe-method GET|HEAD    the probes' method (default: GET)
      --readonly                 send only get, list and watch requests (refuses --probe)
      --no-color                 no colours (also when NO_COLOR is set or not a terminal)
      --dns-server IP[:PORT]     resolve the host with this server (default: the system's;
                                 the demo's own resolver with --demo)
      --edge-config PATH         an edge proxy's nginx config: a file, or a directory such as
                                 a copy of /etc/nginx, read recursively (repeatable)
      --kubeconfig FILE          kubeconfig to use
      --context NAME             kubeconfig context to use
      --demo                     trace on the built-in simulated cluster
      --scenario NAME|DIR        with --demo: the scenario (default: demo)
      --snapshot DIR|FILE        trace in a snapshot (as the cluster was when it was taken)
  -h, --help                     show this help

Examples:
  kdrill trace holmes.test.shopeekredit.co.id --demo
  kdrill trace holmes.test.shopeekredit.co.id --demo --edge-config fixtures/edge/holmes
  kdrill trace holmes.test.shopeekredit.co.id --demo --edge-config fixtures/edge/holmes --probe
  kdrill trace pay.example.com/api --probe --demo
`;

/** `kdrill snapshot --help`. */
export const SNAPSHOT_HELP = `kdrill snapshot - write a cluster's state to disk, to explore offline or attach to a bug report

Usage:
  kdrill snapshot -o DIR|FILE.tar.gz [flags]

Writes, from the current context (read-only: only GET requests are sent), every object of the
chosen kinds and namespaces as the API returns it (minus managedFields), the last log lines of
each container (and of the instance before its last restart), and kdrill-snapshot.yaml: when,
from which context and server version, what was included, and what could not be read and why.
Secret values never leave in clear: each becomes its length in bytes (keys kept). Tokens and
keys of the kubeconfig are never written.

Open it again with: kdrill --snapshot DIR, kdrill trace HOST --snapshot DIR,
kdrill rollout status KIND/NAME --snapshot DIR (frozen at the capture time, not live).

Flags:
  -o, --output DIR|FILE.tar.gz   where to write it (a new or empty directory, or an archive)
  -n, --namespace NS             a namespace to capture (repeat, or NS1,NS2; default: the context's)
  -A, --all-namespaces           capture every namespace
      --kinds LIST               kinds to capture, as kubectl names them (pods,deploy,svc...;
                                 crds: every custom kind and its definition); default: the
                                 route kinds, workloads, pods, Services, EndpointSlices, Ingresses,
                                 Gateway API objects when served, events, nodes, namespaces,
                                 ConfigMaps, Secrets (redacted), PVCs, HPAs and more
      --logs N                   last N log lines per container (default: 100; 0: no logs)
      --since D                  only log lines newer than D (e.g. 10m, 1h)
      --redact-env               also replace literal env values in pod specs and templates
      --kubeconfig FILE          kubeconfig to use
      --context NAME             kubeconfig context to use
      --demo                     snapshot the built-in simulated cluster (once it has settled)
  -h, --help                     show this help
`;

/** `kdrill rollout --help`. */
export const ROLLOUT_HELP = `kdrill rollout - follow a rollout, list its revisions, undo one

Usage:
  kdrill rollout status KIND/NAME [flags]
  kdrill rollout history KIND/NAME [--revision N] [flags]
  kdrill rollout undo KIND/NAME [--to-revision N] [flags]

history of a deployment lists its ReplicaSets' revisions with their images; of a statefulset
or daemonset it prints what 'kubectl rollout history' prints, from their ControllerRevisions.
--revision N prints that revision's pod template, as kubectl does, for every kind. undo does what 'kubectl rollout undo' does and
says what it says: back to revision N, or (without --to-revision) to the one before the last.
It is the only rollout command that writes; --readonly refuses it before sending anything.

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
      --revision N               history: show revision N's pod template
      --to-revision N            undo: go back to revision N (default: the previous one)
      --readonly                 undo: refuse to write
      --kubeconfig FILE          kubeconfig to use
      --context NAME             kubeconfig context to use
      --demo                     use the built-in simulated cluster (namespace deploy-test)
      --scenario NAME|DIR        with --demo: the scenario (default: demo)
      --snapshot DIR|FILE        the status in a snapshot, printed once (exit 0: complete, 1: not)
  -h, --help                     show this help
`;

/** `kdrill port-forward --help`. */
export const PORT_FORWARD_HELP = `kdrill port-forward - forward local ports to a pod, as kubectl port-forward does

Usage:
  kdrill port-forward TYPE/NAME [LOCAL:]REMOTE [...] [flags]

TYPE is pod (po), service (svc) or deployment (deploy). REMOTE is a port number or a
container port's name; for a service, a service port (its targetPort is resolved on the pod).
LOCAL defaults to REMOTE; ":REMOTE" picks a free local port. A service or deployment forward
uses one ready pod (named in the output) and picks another when that one goes away.
Runs until interrupted (Ctrl-C). Uses client-node's WebSocket port-forward: no kubectl needed.

Flags:
  -n, --namespace NS             namespace (default: the context's)
      --address ADDR             local address to listen on (default: 127.0.0.1)
      --kubeconfig FILE          kubeconfig to use
      --context NAME             kubeconfig context to use
      --demo                     forward into the built-in simulated cluster
  -h, --help                     this help
`;
