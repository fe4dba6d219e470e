// The simulator's pods/exec and pods/attach over WebSocket, driven by client-node's own Exec and Attach.
import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { Attach, Exec, KubeConfig, type V1Status } from '@kubernetes/client-node';
import { ADMIN, startCluster, type TestCluster } from '../../helpers/sim.js';
import { waitFor } from '../../helpers/wait.js';

/** A writable that keeps what it is given. */
function sink(): Writable & { text: string } {
  const w = new Writable({
    write(chunk, _e, done) {
      w.text += String(chunk);
      done();
    },
  }) as Writable & { text: string };
  w.text = '';
  return w;
}

describe('pods/exec and pods/attach over WebSocket', () => {
  let c: TestCluster;
  let frontend: string;
  let coredns: string;
  let nodeExporter: string;

  before(async () => {
    c = await startCluster({ scenario: 'demo', clock: 'manual', start: Date.now() - 60_000 });
    c.sim.advance(60_000);
    const running = (ns: string, prefix: string) => c.sim.store.list('pods', ns).find((p) => p.metadata!.name!.startsWith(prefix) && p.status?.phase === 'Running')!.metadata!.name!;
    frontend = running('shop', 'frontend-');
    coredns = running('kube-system', 'coredns-');
    nodeExporter = running('monitoring', 'node-exporter-');
  });
  after(() => c?.stop());

  /** Runs a command without a terminal: its output, and the Status channel 3 carried at the end. */
  async function run(ns: string, pod: string, container: string, command: string[], stdin?: string) {
    const stdout = sink();
    const stderr = sink();
    let status: V1Status | undefined;
    const input = stdin === undefined ? null : new PassThrough();
    const ws = await new Exec(c.kc).exec(ns, pod, container, command, stdout, stderr, input, false, (s) => (status = s));
    if (input) input.end(stdin);
    await waitFor('the status on channel 3', () => status);
    await waitFor('the connection to close', () => ws.readyState === 3 /* CLOSED */);
    return { stdout: stdout.text, stderr: stderr.text, status: status! };
  }

  test('hostname, env, cat, ls in a container: output on channel 1, Success on channel 3', async () => {
    assert.deepEqual(await run('shop', frontend, 'nginx', ['hostname']), { stdout: `${frontend}\n`, stderr: '', status: { metadata: {}, status: 'Success' } });
    const env = await run('shop', frontend, 'nginx', ['env']);
    assert.match(env.stdout, new RegExp(`^HOSTNAME=${frontend}$`, 'm'));
    const cat = await run('shop', frontend, 'nginx', ['cat', '/etc/hostname']);
    assert.equal(cat.stdout, `${frontend}\n`);
    const ls = await run('shop', frontend, 'nginx', ['ls', '/etc/nginx/conf.d']);
    assert.equal(ls.stdout, 'default.conf\n');
  });

  test('a non-zero exit is NonZeroExitCode with the ExitCode cause, as the kubelet sends it', async () => {
    const r = await run('shop', frontend, 'nginx', ['sh', '-c', 'echo out; cat /nope; exit 3']);
    assert.equal(r.stdout, 'out\n');
    assert.equal(r.stderr, 'cat: /nope: No such file or directory\n');
    assert.deepEqual(r.status, {
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: error executing command [sh -c echo out; cat /nope; exit 3], exit code 3',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
  });

  test('bash is there or not per image: nginx has it, node-exporter has only sh, coredns has no shell', async () => {
    assert.equal((await run('shop', frontend, 'nginx', ['bash', '-c', 'echo $0'])).stdout, 'bash\n');
    const noBash = await run('monitoring', nodeExporter, 'node-exporter', ['bash']);
    assert.equal(noBash.status.reason, 'InternalError');
    assert.match(noBash.status.message!, /exec: "bash": executable file not found in \$PATH/);
    assert.equal((await run('monitoring', nodeExporter, 'node-exporter', ['sh', '-c', 'echo $0'])).stdout, 'sh\n');
    assert.match((await run('kube-system', coredns, 'coredns', ['sh'])).status.message!, /exec: "sh": executable file not found/);
  });

  test('curl and wget reach the pod\'s own ports through the container responder', async () => {
    const r = await run('shop', frontend, 'nginx', ['sh', '-c', 'curl -s -i http://localhost:80/ ; wget -qO- http://elsewhere/']);
    assert.match(r.stdout, /^HTTP\/1\.1 200 OK\r\n/);
    assert.match(r.stdout, /Welcome to nginx!/);
    assert.equal(r.stderr, "wget: bad address 'elsewhere:80'\n");
  });

  test('an interactive shell with a terminal: prompt, echo, stdin lines, exit ends the session', async () => {
    const stdout = sink();
    const stdin = new PassThrough();
    let status: V1Status | undefined;
    await new Exec(c.kc).exec('shop', frontend, 'nginx', ['bash'], stdout, null, stdin, true, (s) => (status = s));
    await waitFor('the prompt', () => stdout.text === `root@${frontend}:/# `);
    stdin.write('hostname\r');
    await waitFor('the answer', () => stdout.text.endsWith(`hostname\r\n${frontend}\r\nroot@${frontend}:/# `));
    stdin.write('exit 0\r');
    await waitFor('the end', () => status);
    assert.deepEqual(status, { metadata: {}, status: 'Success' });
  });

  test('attach streams the container\'s output from now on', async () => {
    const stdout = sink();
    const ws = await new Attach(c.kc).attach('shop', frontend, 'nginx', stdout, null, null, false);
    c.sim.advance(5_000);
    await waitFor('a log line', () => /\n/.test(stdout.text));
    ws.close();
  });

  test('refusals before switching protocols: no upgrade, no such pod, many containers, forbidden pods/exec', async () => {
    const base = `${c.sim.url}/api/v1/namespaces/shop/pods`;
    const plain = await fetch(`${base}/${frontend}/exec?command=ls&stdout=true`, { method: 'POST', headers: ADMIN });
    assert.equal(plain.status, 400);
    assert.equal((await plain.json()).message, 'Upgrade request required');
    // client-node rejects with ws's error event, whose message names the HTTP status.
    const refusedWith = (code: number) => (e: { message?: string }) => e.message === `Unexpected server response: ${code}`;
    await assert.rejects(run('shop', 'nope', 'nginx', ['ls']), refusedWith(404));
    const viewer = new KubeConfig();
    viewer.loadFromString(JSON.stringify({ ...JSON.parse(c.kc.exportConfig()), 'current-context': 'kdrill-viewer' }));
    await assert.rejects(new Exec(viewer).exec('shop', frontend, 'nginx', ['ls'], sink(), null, null, false), refusedWith(403));
    const create = c.sim.http.requests.filter((r) => r.path.endsWith('/exec')).at(-1)!;
    assert.equal(create.verb, 'create', 'a WebSocket exec is authorized (and logged) as create');
  });
});
