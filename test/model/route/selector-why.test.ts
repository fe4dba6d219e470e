import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSelector } from '../../../src/model/label-selector.js';
import { whyNoPods } from '../../../src/model/route/selector-why.js';

const pod = (labels: Record<string, string>) => ({ kind: 'Pod', metadata: { name: 'p', namespace: 'shop', labels } });

test('why a selector selects no pods: the labels the pods there carry, nearest first, or that none has the label (issue 21 #20)', () => {
  const pods = ['cart', 'catalog', 'frontend', 'search-api', 'web', 'zeta'].map((app) => pod({ app }));
  assert.equal(whyNoPods(parseSelector('app=catalogue'), pods, 'shop'), 'selector app=catalogue matches no pods in namespace shop; pods there carry app=catalog, app=cart, app=frontend, app=search-api (2 more)');
  assert.equal(whyNoPods(parseSelector('app=web,tier=db'), pods, 'shop'), 'selector app=web,tier=db matches no pods in namespace shop; no pod there has a label tier');
  assert.equal(whyNoPods(parseSelector('app=web'), [], 'empty'), 'selector app=web matches no pods in namespace empty: there are no pods there');
});
