import { describe, expect, test } from 'vitest';
import { composeDigest, composeReminder, type DueItem } from './mail-content';
import { isoWeekOf, mondayOf, pendingUpdates } from './notifications';

const yearly = { periodicity: 'year', baselineDate: null, targetDate: null, planEnd: null };

describe('pending updates', () => {
  test('the last ended year is due during the grace days, and the year before is overdue', () => {
    const updates = pendingUpdates(yearly, 30, '2026-01-10');
    expect(updates.map((u) => [u.period.label, u.status, u.dueDate])).toEqual([
      ['2025', 'due', '2026-01-30'],
      ['2024', 'overdue', '2025-01-30'],
    ]);
  });

  test('after the grace days the last ended year is overdue', () => {
    const updates = pendingUpdates(yearly, 30, '2026-11-25');
    expect(updates.map((u) => [u.period.label, u.status])).toEqual([['2025', 'overdue']]);
  });

  test('the due date itself is the last day before an update is overdue', () => {
    expect(pendingUpdates(yearly, 30, '2026-01-30')[0].status).toBe('due');
    expect(pendingUpdates(yearly, 30, '2026-01-31')[0].status).toBe('overdue');
  });

  test('with a grace longer than a month, the latest month past its due date is the overdue one', () => {
    const monthly = { ...yearly, periodicity: 'month' };
    const updates = pendingUpdates(monthly, 45, '2026-12-01');
    expect(updates.map((u) => [u.period.label, u.status])).toEqual([
      ['2026-11', 'due'],
      ['2026-09', 'overdue'],
    ]);
  });

  test('nothing is asked before the baseline, after the target date or after the plan ends', () => {
    expect(pendingUpdates({ ...yearly, baselineDate: '2026-01-01' }, 30, '2026-11-25')).toEqual([]);
    expect(pendingUpdates({ ...yearly, targetDate: '2024-12-31' }, 30, '2026-11-25')).toEqual([]);
    expect(pendingUpdates({ ...yearly, planEnd: '2022-12-31' }, 30, '2026-11-25')).toEqual([]);
    expect(pendingUpdates({ ...yearly, periodicity: 'fortnight' }, 30, '2026-11-25')).toEqual([]);
  });
});

describe('calendar keys', () => {
  test('ISO weeks start on Monday and week 1 holds the first Thursday', () => {
    expect(isoWeekOf('2026-11-25')).toBe('2026-W48');
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(mondayOf('2026-11-25')).toBe('2026-11-23');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
  });
});

const item = (over: Partial<DueItem> = {}): DueItem => ({
  indicatorId: 'ind-1',
  indicatorName: 'Nb de personnes formées',
  periodLabel: '2025',
  dueDate: '2026-01-30',
  status: 'overdue',
  ...over,
});

describe('mail content', () => {
  test('a reminder speaks the recipient language and links to the indicator and to bulk entry', () => {
    const fr = composeReminder(
      { email: 'a@x.test', displayName: 'Robert L.', locale: 'fr' },
      [item()],
      'https://t.example/',
    );
    expect(fr.subject).toBe("Trajectoire : 1 valeur d'indicateur à saisir");
    expect(fr.text).toContain('Bonjour Robert L.,');
    expect(fr.text).toContain('Nb de personnes formées — période 2025, attendue au plus tard le 30 janvier 2026');
    expect(fr.text).toContain('https://t.example/indicators/ind-1');
    expect(fr.text).toContain('https://t.example/my/values?period=2025');
    expect(fr.html).toContain('<a href="https://t.example/indicators/ind-1">');
    const en = composeReminder(
      { email: 'a@x.test', displayName: 'Robert L.', locale: 'en' },
      [item(), item({ indicatorId: 'ind-2', status: 'due' })],
      'https://t.example',
    );
    expect(en.subject).toBe('Trajectoire: 2 indicator values to enter');
    expect(en.text).toContain('to enter by January 30, 2026');
  });

  test('an unknown language falls back to French', () => {
    const mail = composeReminder({ email: 'a@x.test', displayName: 'R', locale: 'de' }, [item()], 'http://l');
    expect(mail.subject).toContain('à saisir');
  });

  test('everything taken from the database is escaped in the HTML', () => {
    const mail = composeReminder(
      { email: 'a@x.test', displayName: '<b>Eve</b>', locale: 'fr' },
      [item({ indicatorName: 'Taux <script>alert(1)</script> & "co"' })],
      'http://l',
    );
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>Eve');
    expect(mail.html).toContain('Taux &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;');
  });

  test('a digest counts every list and shows only the first items of a long one', () => {
    const overdue = Array.from({ length: 35 }, (_, i) =>
      item({ indicatorId: `o${i}`, indicatorName: `Indicateur ${i}` }),
    );
    const mail = composeDigest(
      { email: 'admin@x.test', displayName: 'Bazin I.', locale: 'fr' },
      {
        institutionName: 'IMT Mines Alès',
        isoWeek: '2026-W10',
        due: [],
        overdue,
        submitted: [
          {
            indicatorId: 's1',
            indicatorName: 'Kg de compost',
            periodLabel: '2025',
            enteredBy: 'Robert L.',
            enteredAt: '2026-02-03T10:00:00.000Z',
          },
        ],
      },
      'http://l',
    );
    expect(mail.subject).toBe('Trajectoire : synthèse de la semaine 10 — IMT Mines Alès');
    expect(mail.text).toContain('1 en attente de validation · 35 en retard · 0 à saisir');
    expect(mail.text).toContain('Kg de compost — période 2025, soumise par Robert L. le 3 février 2026');
    expect(mail.text).toContain('… et 5 autres');
    expect(mail.text).not.toContain('Indicateur 30');
    expect(mail.text).not.toContain('À saisir (0)');
  });
});
