import assert from 'node:assert/strict';
import { test } from 'node:test';
import { edgeConfigOf } from '../../../src/model/edge/nginx-config.js';
import { selectServer } from '../../../src/model/edge/server-select.js';

const servers = (text: string) => edgeConfigOf('t', new Map([['nginx.conf', `http {\n${text}\n}`]])).servers;
const pick = (text: string, host: string, port = 80) => {
  const list = servers(text);
  const c = selectServer(list, host, port);
  return c ? `${list.indexOf(c.server)} ${c.match}${c.name ? ` ${c.name}` : ''}` : 'none';
};

// The four servers of nginx's server_names document, in its order.
const DOC = `
server { listen 80; server_name example.org www.example.org; }
server { listen 80; server_name *.example.org; }
server { listen 80; server_name mail.*; }
server { listen 80; server_name ~^(?<user>.+)\\.example\\.net$; }
`;

test('server_name precedence, from nginx.org/en/docs/http/server_names.html', () => {
  const table: [string, string][] = [
    ['example.org', '0 exact example.org'],
    ['WWW.Example.ORG', '0 exact www.example.org'],
    ['a.example.org', '1 leading-wildcard *.example.org'],
    // "An asterisk can match several name parts".
    ['www.sub.example.org', '1 leading-wildcard *.example.org'],
    ['mail.example.com', '2 trailing-wildcard mail.*'],
    // A leading wildcard wins over a trailing one.
    ['mail.example.org', '1 leading-wildcard *.example.org'],
    ['joe.example.net', '3 regex ~^(?<user>.+)\\.example\\.net$'],
    // Nothing matches: the first server on the port (no default_server).
    ['other.test', '0 first-server'],
  ];
  for (const [host, want] of table) assert.equal(pick(DOC, host), want, host);
});

test('longest wildcard wins; .example.org is exact and wildcard; regexes in order; default_server', () => {
  const text = `
server { listen 80; server_name *.org; }
server { listen 80; server_name *.example.org; }
server { listen 80; server_name www.*; }
server { listen 80; server_name www.example.*; }
server { listen 80; server_name .example.com; }
server { listen 80; server_name "~^(www\\.)?(?P<domain>.+)\\.net$"; }
server { listen 80; server_name ~^www\\d+\\.example\\.net$; }
server { listen 80 default_server; server_name _; }
server { listen 8080; server_name example.com; }
`;
  const table: [string, number, string][] = [
    ['a.example.org', 80, '1 leading-wildcard *.example.org'],
    ['a.other.org', 80, '0 leading-wildcard *.org'],
    ['www.example.com', 80, '4 leading-wildcard .example.com'],
    ['example.com', 80, '4 exact .example.com'],
    ['www.example.de', 80, '3 trailing-wildcard www.example.*'],
    ['www.other.de', 80, '2 trailing-wildcard www.*'],
    // The first regex in configuration order wins, not the most specific.
    ['www12.example.net', 80, '5 regex ~^(www\\.)?(?P<domain>.+)\\.net$'],
    ['unknown.test', 80, '7 default-server'],
    ['example.com', 8080, '8 exact example.com'],
    ['example.com', 443, 'none'],
  ];
  for (const [host, port, want] of table) assert.equal(pick(text, host, port), want, `${host}:${port}`);
});

test('a server without listen listens on 80; listen forms are read', () => {
  const list = servers(`
server { server_name a.test; }
server { listen 10.0.0.1:8443 ssl http2 default_server; }
server { listen [::]:443 ssl; listen 443 ssl; }
server { listen localhost; listen *:81; listen unix:/var/run/x.sock; }
`);
  assert.deepEqual(
    list.map((s) => s.listens),
    [
      [{ port: 80, ssl: false, defaultServer: false }],
      [{ address: '10.0.0.1', port: 8443, ssl: true, defaultServer: true }],
      [{ address: '[::]', port: 443, ssl: true, defaultServer: false }, { port: 443, ssl: true, defaultServer: false }],
      [{ address: 'localhost', port: 80, ssl: false, defaultServer: false }, { port: 81, ssl: false, defaultServer: false }],
    ],
  );
});
