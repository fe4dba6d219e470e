import assert from 'node:assert/strict';
import { test } from 'node:test';
import { edgeConfigOf } from '../../../src/model/edge/nginx-config.js';
import { selectLocation } from '../../../src/model/edge/location-select.js';

const locations = (text: string) => edgeConfigOf('t', new Map([['a.conf', `server {\n${text}\n}`]])).servers[0]!.locations;
const pick = (text: string, path: string) => {
  const c = selectLocation(locations(text), path);
  return c ? `${c.location.modifier || '-'} ${c.location.pattern} ${c.match}` : 'none';
};

// The example of nginx.org/en/docs/http/ngx_http_core_module.html#location.
const DOC = `
location = / { return 200 A; }
location / { return 200 B; }
location /documents/ { return 200 C; }
location ^~ /images/ { return 200 D; }
location ~* \\.(gif|jpg|jpeg)$ { return 200 E; }
`;

test('location selection, from the nginx location documentation', () => {
  const table: [string, string][] = [
    ['/', '= / exact'],
    ['/index.html', '- / prefix'],
    ['/documents/document.html', '- /documents/ prefix'],
    ['/images/1.gif', '^~ /images/ prefix-stop'],
    ['/documents/1.jpg', '~* \\.(gif|jpg|jpeg)$ regex'],
    // ~* is case-insensitive.
    ['/documents/1.JPG', '~* \\.(gif|jpg|jpeg)$ regex'],
  ];
  for (const [path, want] of table) assert.equal(pick(DOC, path), want, path);
});

test('regexes in configuration order, ~ case-sensitive, longest prefix, nested, named, glued modifiers', () => {
  const text = `
location /api { }
location /api/v1/ { location ~ \\.json$ { } }
location ~ ^/api/v1/users { }
location ~ \\.PNG$ { }
location ~*\\.png$ { }
location =/exact { }
location @fallback { }
`;
  const table: [string, string][] = [
    ['/api/v2', '- /api prefix'],
    ['/api/v1/x', '- /api/v1/ prefix'],
    // The location nested in the longest prefix is searched before the outer regexes.
    ['/api/v1/users.json', '~ \\.json$ regex'],
    ['/api/v1/users', '~ ^/api/v1/users regex'],
    ['/a.png', '~* \\.png$ regex'],
    ['/a.PNG', '~ \\.PNG$ regex'],
    ['/exact', '= /exact exact'],
    ['/exact/more', 'none'],
    ['/other', 'none'],
  ];
  for (const [path, want] of table) assert.equal(pick(text, path), want, path);
});

test('what a location does: proxy_pass, return with and without URL, rewrite redirects', () => {
  const locs = locations(`
location / { return 307 https://holmes.test.shopeekredit.co.id$request_uri; }
location /a { return https://x.test/; }
location /b { return 404; }
location /c { rewrite ^/c/(.*)$ /d/$1 permanent; }
location /d { rewrite ^ $scheme://y.test$request_uri; }
location /e { rewrite ^/e/(.*)$ /f/$1 break; proxy_pass http://up; }
`);
  assert.deepEqual(
    locs.map((l) => [l.redirect ?? null, l.answers ?? null, l.proxyPass ?? null]),
    [
      [{ directive: 'return', code: 307, url: 'https://holmes.test.shopeekredit.co.id$request_uri' }, null, null],
      [{ directive: 'return', code: 302, url: 'https://x.test/' }, null, null],
      [null, 404, null],
      [{ directive: 'rewrite', code: 301, url: '/d/$1' }, null, null],
      [{ directive: 'rewrite', code: 302, url: '$scheme://y.test$request_uri' }, null, null],
      [null, null, 'http://up'],
    ],
  );
});
