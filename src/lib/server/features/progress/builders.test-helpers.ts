/** Small builders for the progress tests: `anIndicator().decreasing().from(100, '2022-12-31').to(80, '2026-12-31').build()`. */
import type { IndicatorDefinition, Observation } from './progress';

export function anIndicator() {
  const def: IndicatorDefinition = {
    direction: 'increase',
    kind: 'number',
    unit: null,
    baselineValue: null,
    baselineDate: null,
    targetValue: null,
    targetDate: null,
  };
  const set = (change: Partial<IndicatorDefinition>) => {
    Object.assign(def, change);
    return builder;
  };
  const builder = {
    increasing: () => set({ direction: 'increase' }),
    decreasing: () => set({ direction: 'decrease' }),
    reaching: () => set({ direction: 'reach' }),
    milestone: () => set({ direction: 'milestone', kind: 'milestone' }),
    yesNo: () => set({ kind: 'yes_no' }),
    text: () => set({ kind: 'text' }),
    inUnit: (unit: string) => set({ unit }),
    from: (value: number | null, date: string | null = null) => set({ baselineValue: value, baselineDate: date }),
    to: (value: number | null, date: string | null = null) => set({ targetValue: value, targetDate: date }),
    dueBy: (date: string) => set({ targetDate: date }),
    build: (): IndicatorDefinition => ({ ...def }),
  };
  return builder;
}

/** A validated yearly value: `inYear(2024, 50)` covers 1 Jan - 31 Dec 2024. */
export function inYear(year: number, value: number | null, more: Partial<Observation> = {}): Observation {
  return { period: String(year), periodEnd: `${year}-12-31`, value, text: null, state: 'validated', ...more };
}

export const round = (x: number | null, digits = 3) => (x === null ? null : Number(x.toFixed(digits)));
