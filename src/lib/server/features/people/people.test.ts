import { expect, test } from 'vitest';
import { buildUnitTree } from './people';

const unit = (id: string, parentId: string | null = null) => ({ id, parentId });
const shape = (nodes: ReturnType<typeof buildUnitTree<{ id: string; parentId: string | null }>>): unknown =>
  nodes.map((n) => (n.children.length ? { [n.id]: shape(n.children) } : n.id));

test('units nest under their parents and keep their order among siblings', () => {
  const tree = buildUnitTree([
    unit('sg'),
    unit('rh', 'sg'),
    unit('dred'),
    unit('creer', 'dred'),
    unit('info', 'sg'),
    unit('ert', 'creer'),
  ]);
  expect(shape(tree)).toEqual([{ sg: ['rh', 'info'] }, { dred: [{ creer: ['ert'] }] }]);
});

test('a unit whose parent is unknown or caught in a loop still shows, at the top', () => {
  const tree = buildUnitTree([unit('a', 'gone'), unit('b', 'c'), unit('c', 'b')]);
  expect(shape(tree)).toEqual(['a', { b: ['c'] }]);
});
