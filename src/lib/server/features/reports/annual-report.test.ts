import { describe, expect, test } from 'vitest';
import type { SessionUser } from '../auth';
import {
  canEditReport,
  canMoveTo,
  canReadDraft,
  canResolveComment,
  canReview,
  isBlockKey,
  parseSdgs,
} from './annual-report';

const user = (role: SessionUser['role'], id = 'u1'): SessionUser => ({
  id,
  email: `${id}@x.test`,
  displayName: id,
  locale: 'fr',
  personId: null,
  institutionId: 'i1',
  role,
});

describe('annual report rules', () => {
  test('block keys are the front matter blocks and sdg:1 to sdg:17', () => {
    for (const key of ['purpose', 'governance', 'plan', 'sdg:1', 'sdg:17']) expect(isBlockKey(key)).toBe(true);
    for (const key of ['sdg:0', 'sdg:18', 'sdg:', 'matrix', 'SDG:7', 'sdg:7 ']) expect(isBlockKey(key)).toBe(false);
  });

  test('the stored SDG selection is read sorted and deduplicated, a damaged one as empty', () => {
    expect(parseSdgs('[17,4,4,13]')).toEqual([4, 13, 17]);
    expect(parseSdgs('[0, 18]')).toEqual([]);
    expect(parseSdgs('not json')).toEqual([]);
  });

  test('the workflow goes draft -> in review -> draft, and a published report reopens for review or as a draft', () => {
    expect(canMoveTo('draft', 'in_review')).toBe(true);
    expect(canMoveTo('in_review', 'draft')).toBe(true);
    expect(canMoveTo('published', 'in_review')).toBe(true);
    expect(canMoveTo('published', 'draft')).toBe(true);
    expect(canMoveTo('in_review', 'in_review')).toBe(false);
    expect(canMoveTo('draft', 'published')).toBe(false);
  });

  test('the officer edits; the committee reads drafts; pilots review; others do neither', () => {
    expect([canEditReport(user('admin')), canEditReport(user('committee'))]).toEqual([true, false]);
    expect(
      ['admin', 'committee', 'pilot', 'contributor', 'viewer'].map((r) => canReadDraft(user(r as SessionUser['role']))),
    ).toEqual([true, true, false, false, false]);
    expect(
      ['admin', 'committee', 'pilot', 'contributor', 'viewer'].map((r) => canReview(user(r as SessionUser['role']))),
    ).toEqual([true, true, true, false, false]);
    expect(canResolveComment(user('pilot', 'p1'), 'p1')).toBe(true);
    expect(canResolveComment(user('pilot', 'p1'), 'p2')).toBe(false);
    expect(canResolveComment(user('admin'), 'p2')).toBe(true);
  });
});
