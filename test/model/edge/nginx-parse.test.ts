import assert from 'node:assert/strict';
import { test } from 'node:test';
import { edgeConfigOf } from '../../../src/model/edge/nginx-config.js';
import { includeMatches, parseNginx } from '../../../src/model/edge/nginx-parse.js';
import { tokenize } from '../../../src/model/edge/nginx-tokens.js';
import { readEdgeConfig } from '../../../src/net/edge-files.js';

test('tokens: words, quotes with escapes, comments, ${variables}, regexes keep their backslashes', () => {
  const text = `log_format main '$remote_addr "$request"' "a\\"b"; # a comment; not a directive
set $x \${host}x;   location ~* \\.(gif|jpg)$ {
add_header X-A "it's;{}";}`;
  const t = tokenize(text).map((k) => (k.kind === 'word' ? `${k.quoted ? 'q' : 'w'}${k.line}:${k.text}` : `${k.kind}${k.line}`));
  assert.deepEqual(t, ['w1:log_format', 'w1:main', 'q1:$remote_addr "$request"', 'q1:a"b', ';1', 'w2:set', 'w2:$x', 'w2:${host}x', ';2', 'w2:location', 'w2:~*', 'w2:\\.(gif|jpg)$', '{2', 'w3:add_header', 'w3:X-A', "q3:it's;{}", ';3', '}3']);
});

test('include globs: relative to the root, absolute ones read from a copy, sorted; a missing file is a problem', () => {
  const files = new Map([
    ['nginx.conf', 'http { include conf.d/*.conf; include /etc/nginx/sites/b?.conf; include missing.conf; include none/*.conf; }'],
    ['conf.d/z.conf', 'server { server_name z; }'],
    ['conf.d/a.conf', 'server { server_name a; } # after'],
    ['conf.d/a.conf.bak', 'server { server_name bak; }'],
    ['sites/b1.conf', 'upstream u { server 10.0.0.1; server [fd00::1]:8080 backup; server unix:/tmp/s; }'],
    ['sites/b12.conf', 'server { server_name no; }'],
  ]);
  assert.deepEqual(includeMatches('/etc/nginx/conf.d/*.conf', files), ['conf.d/a.conf', 'conf.d/z.conf']);
  const c = edgeConfigOf('copy', files);
  assert.deepEqual(c.files, ['nginx.conf', 'conf.d/a.conf', 'conf.d/z.conf', 'sites/b1.conf']);
  assert.deepEqual(c.servers.map((s) => s.names[0]), ['a', 'z']);
  assert.deepEqual(c.upstreams[0]!.servers.map((s) => [s.host, s.port, s.flags]), [['10.0.0.1', 80, []], ['[fd00::1]', 8080, ['backup']], ['unix:/tmp/s', 0, []]]);
  assert.deepEqual(c.problems, [{ file: 'nginx.conf', line: 1, message: 'include missing.conf: no such file under the config root' }]);
});

test('syntax errors are problems with their line; the other files are still read', () => {
  const c = edgeConfigOf('x', new Map([
    ['a.conf', 'server {\n listen 80;\n server_name a;\n'],
    ['b.conf', 'server { server_name b; }\n}'],
    ['c.conf', 'server { server_name "c; }'],
    ['d.conf', 'server { server_name d; }'],
  ]));
  assert.deepEqual(c.servers.map((s) => s.names[0]), ['d']);
  assert.deepEqual(c.problems, [
    { file: 'a.conf', line: 3, message: 'unexpected end of file, expecting "}"' },
    { file: 'b.conf', line: 2, message: 'unexpected "}"' },
    { file: 'c.conf', line: 1, message: 'unexpected end of file, expecting "' },
  ]);
});

test('an include loop stops', () => {
  const p = parseNginx(new Map([['nginx.conf', 'include nginx.conf;']]), 'nginx.conf');
  assert.equal(p.problems.length, 1);
  assert.match(p.problems[0]!.message, /nested too deep/);
});

test('the demo edge config (seed 000): the 80 block redirects, the 443 block proxies to upstream id-nonlive-k8s', () => {
  const c = readEdgeConfig('fixtures/edge/holmes');
  assert.deepEqual(c.files, ['nginx.conf', 'mime.types', 'id-upstream/id-nonlive-k8s.conf', 'conf.d/default.conf', 'id-conf.d/holmes.test.shopeekredit.co.id.conf']);
  assert.deepEqual(c.problems, []);
  assert.deepEqual(
    c.servers.map((s) => [s.file, s.line, s.listens.map((l) => `${l.port}${l.ssl ? ' ssl' : ''}${l.defaultServer ? ' default' : ''}`), s.names, s.locations.map((l) => [l.pattern, l.proxyPass ?? l.redirect?.url ?? l.answers])]),
    [
      ['conf.d/default.conf', 2, ['80 default'], ['_'], [['/', 404]]],
      ['id-conf.d/holmes.test.shopeekredit.co.id.conf', 2, ['80'], ['holmes.test.shopeekredit.co.id'], [['/', 'https://holmes.test.shopeekredit.co.id$request_uri']]],
      ['id-conf.d/holmes.test.shopeekredit.co.id.conf', 12, ['443 ssl'], ['holmes.test.shopeekredit.co.id'], [['/', 'http://id-nonlive-k8s']]],
    ],
  );
  assert.deepEqual(c.upstreams, [{ name: 'id-nonlive-k8s', file: 'id-upstream/id-nonlive-k8s.conf', line: 2, servers: [{ text: '10.128.87.215:80', host: '10.128.87.215', port: 80, flags: [], line: 4 }] }]);
  // One file of the directory alone: its directory is the root.
  assert.deepEqual(readEdgeConfig('fixtures/edge/holmes/id-conf.d/holmes.test.shopeekredit.co.id.conf').servers.length, 2);
});

test('a Debian-style /etc/nginx: modules, map, sites-enabled glob, snippets, if blocks, quoted headers with ; and {}', () => {
  const files = new Map([
    ['nginx.conf', `user www-data;
worker_processes auto;
include /etc/nginx/modules-enabled/*.conf;
events { worker_connections 768; }
http {
\tinclude /etc/nginx/mime.types;
\tmap $http_upgrade $connection_upgrade { default upgrade; '' close; }
\tlog_format edge '$remote_addr [$time_local] '
\t                '"$request" $status';
\tinclude /etc/nginx/conf.d/*.conf;
\tinclude /etc/nginx/sites-enabled/*;
}
`],
    ['modules-enabled/50-mod-stream.conf', 'load_module modules/ngx_stream_module.so;'],
    ['mime.types', 'types { text/html html; }'],
    ['conf.d/upstreams.conf', 'upstream app_k8s {\n  zone app 64k;\n  server 10.0.5.10:30080 weight=5 max_fails=3;\n  server 10.0.5.11:30080 backup;\n}'],
    ['snippets/ssl.conf', 'ssl_protocols TLSv1.2 TLSv1.3; # comment after'],
    ['sites-enabled/default', `server {
\tlisten 80 default_server;
\tlisten [::]:80 default_server;
\tserver_name _;
\tlocation ~ /\\.ht { deny all; }
\tlocation / { try_files $uri $uri/ =404; }
}`],
    ['sites-enabled/app.example.com', `server {
\tlisten 443 ssl http2;
\tlisten [::]:443 ssl http2 ipv6only=on;
\tserver_name app.example.com www.app.example.com;
\tinclude snippets/ssl.conf;
\tadd_header Content-Security-Policy "default-src 'self'; img-src * data: {x}" always;
\tif ($host = www.app.example.com) { return 301 https://app.example.com$request_uri; }
\tlocation /ws/ {
\t\tproxy_set_header Upgrade $http_upgrade;
\t\tproxy_set_header Connection $connection_upgrade;
\t\tproxy_pass http://app_k8s;
\t}
\tlocation ~* ^/(static|media)/ { expires 30d; proxy_pass http://app_k8s; }
\tlocation / { proxy_pass http://app_k8s/; }
}`],
  ]);
  const c = edgeConfigOf('etc-nginx', files);
  assert.deepEqual(c.problems, []);
  assert.deepEqual(c.files, ['nginx.conf', 'modules-enabled/50-mod-stream.conf', 'mime.types', 'conf.d/upstreams.conf', 'sites-enabled/app.example.com', 'snippets/ssl.conf', 'sites-enabled/default']);
  assert.deepEqual(
    c.servers.map((s) => [s.names, s.listens.map((l) => `${l.address ?? '*'}:${l.port}${l.ssl ? ' ssl' : ''}${l.defaultServer ? ' default' : ''}`), s.redirect ?? null, s.locations.map((l) => `${l.modifier || '-'} ${l.pattern} ${l.proxyPass ?? '-'}`)]),
    [
      // The return inside `if` is conditional: it is not the server's.
      [['app.example.com', 'www.app.example.com'], ['*:443 ssl', '[::]:443 ssl'], null, ['- /ws/ http://app_k8s', '~* ^/(static|media)/ http://app_k8s', '- / http://app_k8s/']],
      [['_'], ['*:80 default', '[::]:80 default'], null, ['~ /\\.ht -', '- / -']],
    ],
  );
  assert.deepEqual(c.upstreams.map((u) => [u.name, u.servers.map((s) => [s.host, s.port, s.flags])]), [['app_k8s', [['10.0.5.10', 30080, []], ['10.0.5.11', 30080, ['backup']]]]]);
});
