import { describe, expect, test } from 'vitest';
import {
  agreementStatus,
  isActiveBetween,
  isRenewalReminderDue,
  kindOfSourceKey,
  normaliseRoles,
  renewalReminderDate,
} from './partners';
import { dateOfCell, roleOfCell } from './partners-import';

describe('agreement status and renewal reminders', () => {
  const agreement = { startsOn: '2024-01-01', endsOn: '2026-12-31', renewalNoticeDays: 90 };

  test('the reminder falls the notice days before the end; none without an end date', () => {
    expect(renewalReminderDate(agreement)).toBe('2026-10-02');
    expect(renewalReminderDate({ endsOn: null, renewalNoticeDays: 90 })).toBeNull();
  });

  test('an agreement is upcoming, active, ending soon from its reminder date, then expired after its end', () => {
    expect(agreementStatus(agreement, '2023-12-31')).toBe('upcoming');
    expect(agreementStatus(agreement, '2026-10-01')).toBe('active');
    expect(agreementStatus(agreement, '2026-10-02')).toBe('ending_soon');
    expect(agreementStatus(agreement, '2026-12-31')).toBe('ending_soon');
    expect(agreementStatus(agreement, '2027-01-01')).toBe('expired');
    expect(agreementStatus({ startsOn: null, endsOn: null, renewalNoticeDays: 90 }, '2030-01-01')).toBe('active');
  });

  test('a reminder is due from its date up to the end date, never after', () => {
    expect(isRenewalReminderDue(agreement, '2026-10-01')).toBe(false);
    expect(isRenewalReminderDue(agreement, '2026-10-02')).toBe(true);
    expect(isRenewalReminderDue(agreement, '2026-12-31')).toBe(true);
    expect(isRenewalReminderDue(agreement, '2027-01-01')).toBe(false);
  });
});

describe('partners', () => {
  test('a partnership is active in a period it overlaps, open ends included', () => {
    expect(isActiveBetween({ startedOn: null, endedOn: null }, '2022-01-01', '2022-12-31')).toBe(true);
    expect(isActiveBetween({ startedOn: '2022-12-31', endedOn: null }, '2022-01-01', '2022-12-31')).toBe(true);
    expect(isActiveBetween({ startedOn: '2023-01-01', endedOn: null }, '2022-01-01', '2022-12-31')).toBe(false);
    expect(isActiveBetween({ startedOn: null, endedOn: '2021-12-31' }, '2022-01-01', '2022-12-31')).toBe(false);
  });

  test('roles keep the catalogue order, one per role, the first detail kept', () => {
    expect(
      normaliseRoles([
        { role: 'board_member', detail: 'conseil de surveillance' },
        { role: 'administrator', detail: null },
        { role: 'board_member', detail: 'again' },
      ]),
    ).toEqual([
      { role: 'administrator', detail: null },
      { role: 'board_member', detail: 'conseil de surveillance' },
    ]);
  });

  test('an indicator source key is empty or a partner kind; anything else is refused', () => {
    expect(kindOfSourceKey(null)).toBeNull();
    expect(kindOfSourceKey(' competitiveness_cluster ')).toBe('competitiveness_cluster');
    expect(() => kindOfSourceKey('banana')).toThrow();
  });

  test('an import cell reads a role in French or English with its detail in brackets', () => {
    expect(roleOfCell('Administrateur (conseil de surveillance)')).toEqual({
      role: 'administrator',
      detail: 'conseil de surveillance',
    });
    expect(roleOfCell('steering committee member')).toEqual({ role: 'steering_committee_member', detail: null });
    expect(roleOfCell('Trésorier')).toBeUndefined();
    expect(dateOfCell('25/02/2022')).toBe('2022-02-25');
    expect(dateOfCell('2009')).toBe('2009-01-01');
  });
});
