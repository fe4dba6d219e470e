import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import { Table } from '../../../src/ui/components/table.js';

const headers = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'CPU', 'MEM', 'AGE'];
const cells = [
  ['frontend-55ddb77f94-4rhxz', '1/1', 'Running', '0', '312m', '1204Mi', '5m'],
  ['cart-59d98cdc55-b8nhh', '0/1', 'ImagePullBackOff', '0', '7m', '20Mi', '5m'],
];
const table = (width: number, column: number) =>
  render(<Table headers={headers} cells={cells} health={['ok', 'ok']} cursor={0} offset={0} height={3} width={width} focused empty="none" sort={{ column, descending: true }} />).lastFrame();

test('a sort by a column that gave way to the width is named at the end of the header, in the room left', () => {
  // 80 cells: MEM (usage, after CPU) gives way before the name is cut; the rows are in MEM order all the same.
  assert.equal(
    table(80, 5),
    [
      '  NAME                       READY  STATUS            RESTARTS  AGE  by MEM↓',
      '> frontend-55ddb77f94-4rhxz  1/1    Running           0         5m',
      '  cart-59d98cdc55-b8nhh      0/1    ImagePullBackOff  0         5m',
    ].join('\n'),
  );
  // Without room left, the columns make room for it, as they would for a narrower terminal.
  assert.equal(
    table(70, 5),
    [
      '  NAME                  READY  STATUS           RESTARTS  AGE  by MEM↓',
      '> frontend-55ddb77f94…  1/1    Running          0         5m',
      '  cart-59d98cdc55-b8n…  0/1    ImagePullBackO…  0         5m',
    ].join('\n'),
  );
  // A column on screen carries the mark itself, and nothing is added.
  assert.equal(table(80, 4)?.split('\n')[0], '  NAME                       READY  STATUS            RESTARTS  CPU↓  AGE');
});
