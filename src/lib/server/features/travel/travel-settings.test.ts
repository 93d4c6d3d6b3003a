import { describe, expect, test } from 'vitest';
import { DEFAULT_TRAIN_FIRST_RULE } from './train-first';
import {
  DEFAULT_TRAIN_FLAG_MINUTES,
  DEFAULT_TRAIN_JUSTIFY_MINUTES,
  DEFAULT_TRAVEL_SETTINGS,
  hoursAndMinutes,
  isSameTrainFirstRule,
  minutesFromForm,
  settingsOfRow,
  trainFirstRuleOf,
  travelSettingsInputSchema,
} from './travel-settings';

const valid = {
  methodKey: 'ademe-base-empreinte-2025',
  contrails: false,
  justifyUnderMinutes: 270,
  flagUnderMinutes: 360,
  nameTravellers: true,
};

describe('travel settings schema', () => {
  test('accepts a method, the contrails choice, two thresholds in minutes and the naming choice', () => {
    expect(travelSettingsInputSchema.parse(valid)).toEqual(valid);
  });

  test('refuses a justify threshold above the flag threshold, naming the order rule', () => {
    const parsed = travelSettingsInputSchema.safeParse({ ...valid, justifyUnderMinutes: 361 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toContain('travel.settings.error.order');
  });

  test('accepts equal thresholds and the bounds 0 and 24 h, refuses beyond', () => {
    expect(travelSettingsInputSchema.safeParse({ ...valid, justifyUnderMinutes: 0, flagUnderMinutes: 0 }).success).toBe(
      true,
    );
    expect(
      travelSettingsInputSchema.safeParse({ ...valid, justifyUnderMinutes: 1440, flagUnderMinutes: 1440 }).success,
    ).toBe(true);
    expect(travelSettingsInputSchema.safeParse({ ...valid, flagUnderMinutes: 1441 }).success).toBe(false);
    expect(travelSettingsInputSchema.safeParse({ ...valid, justifyUnderMinutes: -1 }).success).toBe(false);
    expect(travelSettingsInputSchema.safeParse({ ...valid, justifyUnderMinutes: 240.5 }).success).toBe(false);
  });

  test('refuses an unknown method', () => {
    expect(travelSettingsInputSchema.safeParse({ ...valid, methodKey: 'made-up' }).success).toBe(false);
  });
});

describe('defaults and stored rows', () => {
  test('the defaults are GES 1point5, contrails on, 4 h / 6 h, travellers pseudonymised', () => {
    expect(DEFAULT_TRAVEL_SETTINGS).toEqual({
      methodKey: 'ges1point5',
      contrails: true,
      trainFirstRule: { justifyUnderHours: 4, flagUnderHours: 6 },
      nameTravellers: false,
    });
    // The same rule as train-first.ts, in the minutes the table stores (4 x 60, 6 x 60).
    expect(DEFAULT_TRAVEL_SETTINGS.trainFirstRule).toEqual(DEFAULT_TRAIN_FIRST_RULE);
    expect([DEFAULT_TRAIN_JUSTIFY_MINUTES, DEFAULT_TRAIN_FLAG_MINUTES]).toEqual([240, 360]);
  });

  test('no row gives the defaults; a row gives its values, thresholds as hours', () => {
    expect(settingsOfRow(undefined)).toEqual(DEFAULT_TRAVEL_SETTINGS);
    expect(
      settingsOfRow({
        method_key: 'ademe-base-empreinte-2025',
        contrails: 0,
        train_justify_minutes: 270,
        train_flag_minutes: 390,
        name_travellers: 1,
      }),
    ).toEqual({
      methodKey: 'ademe-base-empreinte-2025',
      contrails: false,
      // 270 min = 4.5 h, 390 min = 6.5 h
      trainFirstRule: { justifyUnderHours: 4.5, flagUnderHours: 6.5 },
      nameTravellers: true,
    });
  });

  test('a method the code no longer ships falls back to the default method', () => {
    const row = {
      method_key: 'retired',
      contrails: 1,
      train_justify_minutes: 240,
      train_flag_minutes: 360,
      name_travellers: 0,
    };
    expect(settingsOfRow(row).methodKey).toBe('ges1point5');
  });
});

describe('hours and minutes', () => {
  test('the form sends hours and minutes; empty minutes count as 0', () => {
    expect(minutesFromForm('4', '30')).toBe(270);
    expect(minutesFromForm('6', '')).toBe(360);
    expect(minutesFromForm(' 0 ', '0')).toBe(0);
  });

  test('a missing hour, a fraction or a minute out of range is refused', () => {
    expect(minutesFromForm('', '30')).toBeUndefined();
    expect(minutesFromForm('4,5', '0')).toBeUndefined();
    expect(minutesFromForm('4', '60')).toBeUndefined();
    expect(minutesFromForm('25', '0')).toBeUndefined();
    expect(minutesFromForm('four', '0')).toBeUndefined();
  });

  test('minutes back to hours and minutes for display', () => {
    expect(hoursAndMinutes(270)).toEqual({ hours: 4, minutes: 30 });
    expect(hoursAndMinutes(1440)).toEqual({ hours: 24, minutes: 0 });
  });

  test('rules compare by their minutes', () => {
    expect(isSameTrainFirstRule(trainFirstRuleOf(240, 360), DEFAULT_TRAIN_FIRST_RULE)).toBe(true);
    expect(isSameTrainFirstRule(trainFirstRuleOf(245, 360), DEFAULT_TRAIN_FIRST_RULE)).toBe(false);
  });
});
