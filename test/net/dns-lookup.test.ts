import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mock, test } from 'node:test';
import { DNS_TIMEOUT_MS, lookupHost, parseDnsServer } from '../../src/net/dns-lookup.js';
import { kubeconfigDnsServer } from '../../src/net/kubeconfig-dns.js';
import { SimCluster } from '../../src/sim/cluster.js';
import { SimDnsServer } from '../../src/sim/dns/dns-server.js';

test('the simulator\'s resolver, asked through node\'s Resolver: A, AAAA, CNAME chains, NXDOMAIN, NODATA', async () => {
  const dns = new SimDnsServer(
    new Map([
      ['a.test', { A: ['192.0.2.1', '192.0.2.2'] }],
      ['six.test', { AAAA: ['2001:db8::1'] }],
      ['both.test', { A: ['192.0.2.3'], AAAA: ['fd00::1:2'] }],
      ['www.test', { CNAME: 'cdn.test' }],
      ['cdn.test', { CNAME: 'a.test' }],
      ['empty.test', {}],
    ]),
  );
  const server = await dns.listen();
  try {
    const ask = async (host: string) => {
      const a = await lookupHost(host, { server, label: 'test resolver' });
      return [a.records.map((r) => `${r.name} ${r.type} ${r.value}`).join(' | '), a.addresses.join(','), a.error ?? '-'];
    };
    assert.deepEqual(await ask('a.test'), ['a.test A 192.0.2.1 | a.test A 192.0.2.2', '192.0.2.1,192.0.2.2', '-']);
    assert.deepEqual(await ask('six.test'), ['six.test AAAA 2001:db8::1', '2001:db8::1', '-']);
    assert.deepEqual(await ask('both.test'), ['both.test A 192.0.2.3 | both.test AAAA fd00::1:2', '192.0.2.3,fd00::1:2', '-']);
    assert.deepEqual(await ask('WWW.test'), ['WWW.test CNAME cdn.test | cdn.test CNAME a.test | a.test A 192.0.2.1 | a.test A 192.0.2.2', '192.0.2.1,192.0.2.2', '-']);
    assert.deepEqual(await ask('nope.test'), ['', '', 'NXDOMAIN']);
    assert.deepEqual(await ask('empty.test'), ['', '', 'NODATA']);
    assert.deepEqual(await ask('192.0.2.9'), ['', '192.0.2.9', '-']);
    assert.deepEqual(dns.asked.filter((q) => q.startsWith('192.')), []);
  } finally {
    await dns.close();
  }
});

test('a resolver that never answers: the lookup gives up after 2 s with a timeout, not an exception', async () => {
  const silent = createSocket('udp4');
  await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', () => resolve()));
  // The lookup's own 2 s timer runs on mocked time: no wall-clock duration to compare, which a loaded machine stretches.
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    let settled = false;
    const started = performance.now();
    const lookup = lookupHost('slow.test', { server: `127.0.0.1:${silent.address().port}`, label: 'silent' }).finally(() => (settled = true));
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    await turn();
    mock.timers.tick(DNS_TIMEOUT_MS - 1);
    await turn();
    // Sooner only by the resolver's own per-query timeout, also 2 s but of real time: this process stalled that long.
    assert.ok(!settled || performance.now() - started >= DNS_TIMEOUT_MS, 'still asking just before 2 s');
    mock.timers.tick(1);
    await turn();
    assert.equal(settled, true, 'given up at 2 s');
    const a = await lookup;
    assert.deepEqual([a.addresses, a.error], [[], 'timeout']);
  } finally {
    mock.timers.reset();
    silent.close();
  }
});

test('--dns-server values; the kubeconfig kdrill sim writes names the simulator\'s resolver', async () => {
  const table: [string, string | undefined][] = [
    ['10.0.0.2', '10.0.0.2'],
    ['127.0.0.1:5353', '127.0.0.1:5353'],
    ['[::1]:53', '[::1]:53'],
    ['fd00::53', 'fd00::53'],
    ['300.0.0.1', undefined],
    ['10.0.0.2:99999', undefined],
    ['dns.example.com', undefined],
  ];
  for (const [text, want] of table) assert.equal(parseDnsServer(text), want, text);
  const sim = await SimCluster.start({ scenario: 'holmes' });
  const dir = mkdtempSync(join(tmpdir(), 'kdrill-dns-'));
  try {
    const file = join(dir, 'config');
    sim.writeKubeconfig(file);
    assert.match(sim.dns.address, /^127\.0\.0\.1:\d+$/);
    assert.equal(kubeconfigDnsServer([file]), sim.dns.address);
    assert.equal(kubeconfigDnsServer([file], 'kdrill-sim'), sim.dns.address);
    assert.equal(kubeconfigDnsServer([file], 'other'), undefined);
    assert.equal(kubeconfigDnsServer([join(dir, 'missing')]), undefined);
    const a = await lookupHost('holmes.test.shopeekredit.co.id', { server: sim.dns.address, label: 'demo resolver' });
    assert.deepEqual(a, { host: 'holmes.test.shopeekredit.co.id', server: 'demo resolver', records: [{ name: 'holmes.test.shopeekredit.co.id', type: 'A', value: '143.92.64.63' }], addresses: ['143.92.64.63'] });
  } finally {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
