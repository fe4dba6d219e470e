/** `kdrill --help`. */
export const MAIN_HELP = `kdrill - a terminal explorer for Kubernetes

Usage:
  kdrill [flags]                 open the explorer on the current kubeconfig context
  kdrill --demo                  open the explorer on a built-in simulated cluster
  kdrill sim [flags]             run only the simulated cluster (for kubectl and tests)

Flags:
      --kubeconfig FILE          kubeconfig to use (default: $KUBECONFIG, then ~/.kube/config)
      --context NAME             kubeconfig context to use
  -n, --namespace NS             namespace to show (default: the context's, else "default")
  -A, --all-namespaces           show all namespaces
      --readonly                 send only get, list and watch requests
      --no-color                 no colours (also when NO_COLOR is set)
      --demo                     use a simulated cluster instead of a kubeconfig
      --scenario NAME|DIR        with --demo: the scenario (default: demo)
  -h, --help                     show this help
  -v, --version                  show the version

Run 'kdrill COMMAND --help' for a command's flags.
`;

/** `kdrill sim --help`. */
export const SIM_HELP = `kdrill sim - run a simulated Kubernetes cluster on 127.0.0.1

Usage:
  kdrill sim [flags]

Prints the path of a kubeconfig for the cluster as the first line of standard output,
then serves until interrupted (Ctrl-C, SIGTERM), removing its temporary files on exit.

  KUBECONFIG=$(kdrill sim | head -1) kubectl get pods -A     (in another shell)

Flags:
      --port N                   port to listen on (default: a free port)
      --scenario NAME|DIR        built-in scenario (demo, holmes, deploy-test) or a
                                 directory of YAML manifests (default: demo)
      --kubeconfig-out FILE      where to write the kubeconfig (default: a temporary file)
      --speed X                  simulated seconds per real second (default: 1)
      --no-churn                 do not roll deployments periodically
  -h, --help                     show this help
`;
