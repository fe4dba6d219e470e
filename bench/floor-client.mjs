// The floor kdrill cannot beat: a bare Node process that lists a resource in pages of 500 as
// kdrill does (plain HTTP, JSON.parse of each page) and exits. Prints the item count.
// Usage: node bench/floor-client.mjs URL PATH [PAGE]
import http from 'node:http';

const [url, path, page = '500'] = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: true });
const get = (p) =>
  new Promise((resolve, reject) => {
    http.get(new URL(p, url), { agent, headers: { Accept: 'application/json', Authorization: 'Bearer kdrill-sim-token' } }, (res) => {
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
