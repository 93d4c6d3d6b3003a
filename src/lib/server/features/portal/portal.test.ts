import { expect, test } from 'vitest';
import { DEFAULT_PORTAL_SETTINGS, isSectionPublic, portalSettingsSchema } from './portal';
import { cellText, type PlanData, planRecords, valueRecords } from './portal-data';

test('a section is public only when the portal is open and the section chosen; the portal is closed by default', () => {
  expect(isSectionPublic(DEFAULT_PORTAL_SETTINGS, 'plan')).toBe(false);
  const open = { ...DEFAULT_PORTAL_SETTINGS, enabled: true };
  expect(isSectionPublic(open, 'plan')).toBe(true);
  expect(isSectionPublic(open, 'fund')).toBe(false);
});

test('the settings refuse script addresses and quotes in URLs, and read empty texts as none', () => {
  const base = {
    enabled: true,
    sections: { plan: true, sdg: true, reports: true, fund: true, data: true },
    licenceName: ' Licence ',
    licenceUrl: 'https://example.org/licence',
    purposeText: '  ',
    contactUrl: '',
  };
  expect(portalSettingsSchema.parse(base)).toMatchObject({
    licenceName: 'Licence',
    purposeText: null,
    contactUrl: null,
  });
  expect(portalSettingsSchema.safeParse({ ...base, licenceUrl: 'javascript:alert(1)' }).success).toBe(false);
  expect(portalSettingsSchema.safeParse({ ...base, licenceUrl: 'https://x.org/"><b>' }).success).toBe(false);
  expect(portalSettingsSchema.safeParse({ ...base, contactUrl: 'mailto:a@b.org' }).success).toBe(true);
});

const data: PlanData = {
  plan: { id: 'p', title: 'Plan' },
  rows: {
    workstreams: [{ id: 'w', plan_id: 'p', code: '1', title: 'Chantier', axis_code: 'A' }],
    objectives: [{ id: 'o', workstream_id: 'w', code: '1.1', title: 'Objectif' }],
    targets: [
      {
        id: 't',
        objective_id: 'o',
        label: 'Cible',
        baseline_value_milli: 1500,
        target_value_milli: 3000,
        unit: 't',
        deadline: '2027-12-31',
      },
    ],
    actions: [
      {
        id: 'a',
        plan_id: 'p',
        workstream_id: 'w',
        objective_id: 'o',
        title: 'Action',
        status: 'in_progress',
        start_date: null,
        end_date: null,
      },
    ],
    actionSdgs: [
      { action_id: 'a', sdg_number: 7 },
      { action_id: 'a', sdg_number: 13 },
    ],
    actionAxes: [],
    indicators: [],
  },
  values: [],
};

test('the plan file lists workstream, objective, target then action, with SDGs and values in units', () => {
  const records = planRecords(data);
  expect(records.map((r) => `${r.level}:${r.id}:${r.parent_id}`)).toEqual([
    'workstream:w:p',
    'objective:o:w',
    'target:t:o',
    'action:a:o',
  ]);
  expect(records[2]).toMatchObject({ baseline: 1.5, target: 3, unit: 't' });
  expect(records[3]).toMatchObject({ status: 'in_progress', sdgs: [7, 13] });
  expect(cellText(records[3].sdgs, true)).toBe('7, 13');
  expect(cellText(1.5, true)).toBe('1,5');
  expect(cellText(1.5, false)).toBe('1.5');
});

test('a value record carries the validation day, never who validated it', () => {
  const [record] = valueRecords({
    ...data,
    values: [
      {
        indicator_id: 'i',
        period: '2025',
        period_start: '2025-01-01',
        period_end: '2025-12-31',
        version: 1,
        state: 'validated',
        value_milli: 42_000,
        value_text: null,
        reviewed_at: '2026-01-15T08:00:00.000Z',
      },
    ],
  });
  expect(record).toMatchObject({ value: 42, validated_on: '2026-01-15' });
  expect(Object.keys(record)).not.toContain('reviewed_by');
});
