import { describe, expect, test } from 'vitest';
import {
  canManageIdeas,
  checkStatusChange,
  IDEA_STATUSES,
  ideaFiltersSchema,
  nextStatuses,
  reachesReportThreshold,
  visibleAuthorName,
} from './ideas';
import { ideasTable } from './ideas-export';

describe('status workflow', () => {
  test('an idea goes received -> under study -> accepted -> done', () => {
    expect(checkStatusChange('received', 'under_study', null)).toEqual({ ok: true });
    expect(checkStatusChange('under_study', 'accepted', 'Oui, en 2027.')).toEqual({ ok: true });
    expect(checkStatusChange('accepted', 'done', null)).toEqual({ ok: true });
    expect(checkStatusChange('turned_into_action', 'done', null)).toEqual({ ok: true });
  });

  test('accepting or rejecting needs a public answer, blanks do not count', () => {
    expect(checkStatusChange('under_study', 'accepted', null)).toEqual({
      ok: false,
      error: { code: 'ideas.error.answerRequired' },
    });
    expect(checkStatusChange('under_study', 'rejected', '   ')).toEqual({
      ok: false,
      error: { code: 'ideas.error.answerRequired' },
    });
    expect(checkStatusChange('received', 'rejected', 'Hors du champ de l’établissement.')).toEqual({ ok: true });
  });

  test('skipping steps, going back from done and a manual "turned into action" are refused', () => {
    const refused = { ok: false, error: { code: 'ideas.error.transition' } };
    expect(checkStatusChange('received', 'accepted', 'x')).toEqual(refused);
    expect(checkStatusChange('received', 'done', null)).toEqual(refused);
    expect(checkStatusChange('done', 'under_study', null)).toEqual(refused);
    expect(checkStatusChange('accepted', 'turned_into_action', null)).toEqual(refused);
    expect(checkStatusChange('under_study', 'under_study', null)).toEqual(refused);
  });

  test('a rejected idea may be studied again; done is final', () => {
    expect(nextStatuses('rejected')).toEqual(['under_study']);
    expect(nextStatuses('done')).toEqual([]);
    // Every status is reachable from "received" through the allowed moves or the action conversion.
    const reached = new Set<string>(['received', 'turned_into_action']);
    for (let i = 0; i < IDEA_STATUSES.length; i++) {
      for (const s of [...reached]) for (const n of nextStatuses(s as never)) reached.add(n);
    }
    expect([...reached].sort()).toEqual([...IDEA_STATUSES].sort());
  });
});

describe('anonymity and roles', () => {
  test('an anonymous idea has no visible author name, a signed one keeps it', () => {
    expect(visibleAuthorName({ anonymous: 1, authorName: 'Lecteur démo' })).toBeNull();
    expect(visibleAuthorName({ anonymous: 0, authorName: 'Lecteur démo' })).toBe('Lecteur démo');
  });

  test('only the officer manages ideas', () => {
    const user = (role: 'admin' | 'committee' | 'pilot' | 'contributor' | 'viewer') =>
      ({ id: 'u', email: 'e', displayName: 'd', locale: 'fr', personId: null, institutionId: 'i', role }) as const;
    expect(canManageIdeas(user('admin'))).toBe(true);
    for (const role of ['committee', 'pilot', 'contributor', 'viewer'] as const) {
      expect(canManageIdeas(user(role))).toBe(false);
    }
  });

  test('the report threshold hides at exactly N open reports', () => {
    expect(reachesReportThreshold(2, 3)).toBe(false);
    expect(reachesReportThreshold(3, 3)).toBe(true);
  });

  test('the export writes "Anonyme" for an anonymous author and neutralises formulas', () => {
    const row = {
      id: 'i1',
      submitted_on: '2026-10-01',
      title: '=HYPERLINK("x")',
      description: 'd',
      anonymous: 1,
      author_name: 'Lecteur démo',
      status: 'received',
      public_answer: null,
      axis_code: null,
      supports: '2',
      moderation_state: 'visible',
      merged_into_id: null,
      action_id: null,
    };
    const fr = ideasTable([row], new Map([['i1', [6, 12]]]), 'fr');
    expect(fr[0]).toContain('Auteur');
    expect(fr[1]).toContain('Anonyme');
    expect(fr[1]).toContain('6, 12');
    expect(fr[1]).toContain('2');
    expect(JSON.stringify(fr)).not.toContain('Lecteur');
    expect(fr[1][2].startsWith('=')).toBe(false);
    const en = ideasTable([{ ...row, anonymous: 0 }], new Map(), 'en');
    expect(en[1]).toContain('Lecteur démo');
    expect(en[1]).toContain('Received');
  });
});

describe('list filters', () => {
  test('unknown values fall back to no filter and the date sort', () => {
    expect(ideaFiltersSchema.parse({ status: 'nope', sdg: '42', sort: 'x', mine: '1' })).toEqual({
      status: undefined,
      sdg: undefined,
      axis: undefined,
      mine: true,
      sort: 'date',
    });
    expect(ideaFiltersSchema.parse({ status: 'accepted', sdg: '6', sort: 'supports' })).toMatchObject({
      status: 'accepted',
      sdg: 6,
      sort: 'supports',
      mine: false,
    });
  });
});
