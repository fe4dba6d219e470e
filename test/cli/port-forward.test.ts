// kdrill port-forward TYPE/NAME [LOCAL:]REMOTE against the demo: an HTTP GET to the local port is answered by the container.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { parsePortSpec } from '../../src/cli/port-forward-command.js';
import { waitFor } from '../helpers/wait.js';

test('[LOCAL:]REMOTE as kubectl reads it', () => {
  assert.deepEqual(parsePortSpec('8080:80'), { local: 8080, remote: '80' });
  assert.deepEqual(parsePortSpec('80'), { local: 80, remote: '80' });
  assert.deepEqual(parsePortSpec(':80'), { local: 0, remote: '80' });
  assert.deepEqual(parsePortSpec('9000:http'), { local: 9000, remote: 'http' });
  assert.throws(() => parsePortSpec('http'), /a named remote port needs a local port/);
});

test('kdrill port-forward svc/frontend :80 on the demo: a ready pod is named, GET answers, Ctrl-C ends it', async () => {
  assert.ok(existsSync('dist/cli.js'), 'the CLI bundle is built (npm test builds it first)');
  const child = spawn(process.execPath, ['bin/kdrill.js', '--demo', 'port-forward', 'svc/frontend', ':80', '-n', 'shop'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => lines.push(l));
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  try {
    const from = await waitFor('the forwarding line', () => lines.map((l) => /^Forwarding from 127\.0\.0\.1:(\d+) -> 80$/.exec(l)).find(Boolean), 30_000);
    assert.match(lines[0], /^Forwarding to pod frontend-\w+-\w+ of service frontend$/);
    const res = await fetch(`http://127.0.0.1:${from[1]}/`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Welcome to nginx!/);
    await waitFor('the connection line', () => lines.includes(`Handling connection for ${from[1]}`));
  } finally {
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    child.kill('SIGINT');
    assert.equal(await exited, 0, stderr);
  }
});

test('a pod that does not exist fails at once, as kubectl does', async () => {
  const child = spawn(process.execPath, ['bin/kdrill.js', '--demo', 'port-forward', 'pod/nope', '8080:80', '-n', 'shop'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  assert.equal(code, 1);
  assert.match(stderr, /error: pods "nope" not found/);
});
