// Prompts and questions at 80 columns (issue 21 #16): what the user types keeps its cursor in sight,
// a question keeps its context.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitQuestion, typedWindow } from '../../src/ui/components/prompt-line.js';

test('a typed line longer than its room shows the part around the cursor, cut with … at either end', () => {
  assert.deepEqual(typedWindow('short', 5, 20), { text: 'short', cursor: 5 });
  const text = 'abcdefghijklmnopqrstuvwxyz';
  // The cursor at the end (typing): the end shows, after …; the cursor's cell still fits.
  const end = typedWindow(text, 26, 10);
  assert.deepEqual(end, { text: '…tuvwxyz', cursor: 8 });
  assert.ok(end.text.length + 1 <= 10);
  // At the start: the start shows, before ….
  assert.deepEqual(typedWindow(text, 0, 10), { text: 'abcdefgh…', cursor: 0 });
  // In the middle: both ends cut, the cursor on the same character.
  const mid = typedWindow(text, 13, 10);
  assert.equal(mid.text[mid.cursor], 'n');
  assert.match(mid.text, /^….*…$/);
});

test('a question too long for the line keeps its start and its context, cutting what is between', () => {
  const q = 'Restart deployment ingress-nginx/ingress-nginx-controller in context kdrill-demo?';
  assert.equal(fitQuestion(q, 100), q);
  const cut = fitQuestion(q, 78);
  assert.equal(cut.length, 78);
  assert.equal(cut, 'Restart deployment ingress-nginx/ingress-nginx-contro… in context kdrill-demo?');
  const undo = 'Undo deployment deploy-test/nginx-deploy to revision 1 (nginx-deploy-7c9cdfbcbd) in context kdrill-sim?';
  assert.equal(fitQuestion(undo, 98), 'Undo deployment deploy-test/nginx-deploy to revision 1 (nginx-deploy-7c9cd… in context kdrill-sim?');
});

test('a question with a note after it: the note gives way first, the object is never cut while the question fits', async () => {
  const { fitQuestion } = await import('../../src/ui/components/prompt-line.js');
  const text = 'Delete pod shop/catalog-7698854785-7lfs8 in context kdrill-sim?  propagation: background (p changes it)';
  assert.equal(fitQuestion(text, 80), 'Delete pod shop/catalog-7698854785-7lfs8 in context kdrill-sim?  propagation: b…');
  assert.equal(fitQuestion(text, 64), 'Delete pod shop/catalog-7698854785-7lfs8 in context kdrill-sim?');
});

test('a shell question at 80 columns keeps the whole pod name (the pod comes before its container)', () => {
  const q = 'Open a shell in pod shop/frontend-55ddb77f94-bl9ld (container nginx) in context kdrill-demo?';
  assert.equal(fitQuestion(q, 78), 'Open a shell in pod shop/frontend-55ddb77f94-bl9ld (c… in context kdrill-demo?');
});
