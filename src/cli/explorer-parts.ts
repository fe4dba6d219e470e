// The explorer's heavier modules (client-node, the views), loaded by tui-command.ts when it needs
// them: for the demo, behind the splash while the demo's cluster starts in its worker thread.
export { ClusterSession, EXPLORER_ON_DEMAND } from '../kube/cluster-session.js';
export { clusterInfo, kubeconfigFiles } from '../kube/kubeconfig.js';
export { portForwards } from '../kube/port-forwards.js';
export { Root } from '../ui/root.js';
export { endHandOver } from '../ui/hand-over.js';
export { connectKubeconfig, sessionOpener, startExplorerDemo, startSnapshot } from './cluster-target.js';
export { logCacheStates } from './log-file.js';
export { readK9s } from './k9s-files.js';
