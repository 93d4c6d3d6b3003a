import { describe, expect, test } from 'vitest';
import { diffCounts, lineDiff } from './annual-diff';

describe('line diff between last year and this year', () => {
  test('identical texts are all the same lines', () => {
    expect(lineDiff('a\nb', 'a\nb')).toEqual([
      { op: 'same', text: 'a' },
      { op: 'same', text: 'b' },
    ]);
  });

  test('a changed line shows as removed then added, around unchanged lines', () => {
    expect(lineDiff('intro\n2024 figures\nend', 'intro\n2025 figures\nend')).toEqual([
      { op: 'same', text: 'intro' },
      { op: 'removed', text: '2024 figures' },
      { op: 'added', text: '2025 figures' },
      { op: 'same', text: 'end' },
    ]);
  });

  test('an empty side gives only additions or only removals', () => {
    expect(lineDiff('', 'x\ny').map((l) => l.op)).toEqual(['added', 'added']);
    expect(lineDiff('x', '').map((l) => l.op)).toEqual(['removed']);
    expect(lineDiff('', '')).toEqual([]);
  });

  test('Windows line endings are read as plain lines', () => {
    expect(lineDiff('a\r\nb', 'a\nb').every((l) => l.op === 'same')).toBe(true);
  });

  test('counts added and removed lines', () => {
    expect(diffCounts(lineDiff('a\nb\nc', 'a\nc\nd\ne'))).toEqual({ added: 2, removed: 1 });
  });
});
