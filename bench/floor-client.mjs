// The floor kdrill cannot beat: a bare Node process that lists a resource in pages of 500 as
// kdrill does (JSON.parse of each page) and exits. Prints the item count. An https:// URL goes
// over TLS (the simulator's self-signed certificate accepted), as kdrill and kubectl do.
// Usage: node bench/floor-client.mjs URL PATH [PAGE]
import http from 'node:http';
import https from 'node:https';

const [url, path, page = '500'] = process.argv.slice(2);
const client = url.startsWith('https:') ? https : http;
const agent = new client.Agent({ keepAlive: true, rejectUnauthorized: false });
const get = (p) =>
  new Promise((resolve, reject) => {
    client.get(new URL(p, url), { agent, headers: { Accept: 'application/json', Authorization: 'Bearer kdrill-sim-token' } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      res.on('error', reject);
    }).on('error', reject);
  });
let items = 0;
let token = '';
do {
  const list = await get(`${path}?limit=${page}${token ? `&continue=${encodeURIComponent(token)}` : ''}`);
  items += list.items.length;
  token = list.metadata?.continue ?? '';
} while (token);
agent.destroy();
process.stdout.write(`${items}\n`);
