// The explorer in a real terminal over a simulated demo cluster: Gateway hosts in :routes, a traced
// Gateway route, and the route following a canary weight changed with kubectl.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { test } from 'node:test';
import { startCluster } from '../helpers/sim.js';
import { hasTmux, TmuxSession } from '../helpers/tmux.js';
import { kubectlFlags } from '../helpers/kubectl.js';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
const skip = !hasTmux ? 'tmux is not installed on this machine' : !hasKubectl ? 'kubectl is not installed on this machine' : false;

test(':routes lists the Gateway hosts; Enter traces store.gw.example.com; a kubectl weight change shows live', { skip }, async () => {
  const c = await startCluster({ scenario: 'demo' });
  const t = new TmuxSession(`node ${join(process.cwd(), 'bin/kdrill.js')} --kubeconfig ${c.kubeconfigPath} -A; echo "EXITED rc=$?"; sleep 60`, 160, 50);
  try {
    await t.waitFor(/^pods {2}\(\d+\)/m);
    t.keys(':routes', 'Enter');
    // Once every cache is in sync (the Gateway kinds last): until then their routes are not attached yet.
    const hosts = await t.waitFor(/watching \d+ kinds, in sync[\s\S]*^routes {2}\(14\)[\s\S]*^ {2}orders\.gw\.example\.com .* broken$/m);
    // Hosts are whole (long backends give way first); the health of routes to pods still starting is not asserted.
    assert.match(hosts, /^ {2}grpc\.gw\.example\.com +\/payments\.v1\.Payments +grpcroute\/payments-grpc +payments +payments-api:8080 /m);
    assert.match(hosts, /^ {2}legacy\.gw\.example\.com +\/ +httproute\/legacy +shop +frontend:80 +unrouted$/m);
    assert.match(hosts, /^ {2}orders\.gw\.example\.com +\/ +httproute\/orders +shop +payments-api:8080 +broken$/m);
    assert.match(hosts, /^ {2}store\.gw\.example\.com +\/,\/cart +httproute\/store +shop +frontend:80,storef… /m);
    t.keys('/store.gw');
    await t.waitFor(/^\/store\.gw +1\/14 match/m);
    t.keys('Enter', 'Enter');
    const route = await t.waitFor(/routes\s+›\s+route store\.gw\.example\.com[\s\S]*backend storefront-stable:80  weight 90 · 90%[\s\S]*backend storefront-canary:80  weight 10 · 10%/);
    assert.match(route, /listener http \(HTTP 80 \*\.gw\.example\.com\)  2 attached routes/);
    assert.match(route, /gateway edge\/public-gw  class kdrill-gateway · kdrill\.dev\/gateway-controller · 172\.18\.255\.210/);
    // The canary goes to half: the route on screen follows, without a key pressed.
    // Asynchronously: the simulated cluster answering kubectl runs in this process.
    await promisify(execFile)('kubectl', [...kubectlFlags(c.kubeconfigPath), '-n', 'shop', 'patch', 'httproute', 'store', '--type', 'json', '-p', '[{"op":"replace","path":"/spec/rules/1/backendRefs/0/weight","value":50},{"op":"replace","path":"/spec/rules/1/backendRefs/1/weight","value":50}]']);
    await t.waitFor(/backend storefront-stable:80  weight 50 · 50%[\s\S]*backend storefront-canary:80  weight 50 · 50%/);
    t.keys('q');
    await t.waitFor(/EXITED rc=0/);
  } finally {
    t.kill();
    await c.stop();
  }
});
