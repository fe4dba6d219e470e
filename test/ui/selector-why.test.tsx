import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoExplorer } from '../helpers/explorer.js';

const demo = demoExplorer();

const app = () => demo.app();

test('Enter on a Service whose selector matches nothing says why: the selector, and the labels the pods there carry (issue 21 #20)', async () => {
  const { r, until } = app();
  try {
    await until('the pods of shop', /^pods {2}\(\d+\)/m);
    r.stdin.write(':svc\r');
    await until('the services', /^services {2}\(\d+\)/m);
    r.stdin.write('/^catalog\r');
    await until('the catalog Service', /^> catalog /m);
    r.stdin.write('\r');
    await until('why it selects nothing', /^services › service catalog › pods {2}\(0\)\n.*\n {0,2}selector app=catalogue matches no pods in namespace shop; pods there carry app=catalog, /m);
  } finally {
    r.unmount();
  }
});

test('on a route, Enter on the line of a missing Service opens a pane saying it does not exist (issue 21 #20)', async () => {
  const { r, until } = app();
  try {
    await until('the pods of shop', /^pods {2}\(\d+\)/m);
    r.stdin.write(':trace legacy.shop.example.com\r');
    await until('the route', /└─ FAIL service legacy-web:80 {2}missing/);
    r.stdin.write('Gk');
    await until('the cursor on the missing Service', /^> +└─ FAIL service legacy-web:80 {2}missing/m);
    r.stdin.write('\r');
    const f = await until('a pane saying the Service does not exist', /^Service shop\/legacy-web does not exist$/m);
    assert.match(f, /^error: Service shop\/legacy-web does not exist$/m);
  } finally {
    r.unmount();
  }
});
