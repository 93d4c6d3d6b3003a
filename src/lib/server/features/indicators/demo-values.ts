/**
 * Demo values for part of the IMT Mines Alès 2023-2027 plan, so that every
 * page shows something on first start. Invented but plausible figures for
 * 2023-2025, all marked is_demo = 1 with the comment "Valeur de
 * démonstration". Most are validated; one is waiting for validation, one was
 * returned to its pilot, one draft is in progress and one was corrected after
 * validation (both versions kept). It also completes the definitions of those
 * indicators (baseline, target) and tags their actions with SDGs and the
 * workstreams with Plan-vert axes, so that the SDG and axis views have
 * something to show. Everything invented is listed in docs/demo-data.md.
 */
import type { Kysely } from 'kysely';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { periodOfYear, type ValueState } from './indicators';
import { addDays, isPeriodicity } from './periods';

const PLAN_SOURCE = 'imt-mines-ales-plan-res-2023-2027.tsv';
const DEMO_COMMENT = 'Valeur de démonstration';
const YEARS = [2023, 2024, 2025] as const;

type DemoValue = number | 'yes' | 'no';
interface Series {
  indicator: string;
  values: readonly [DemoValue, DemoValue, DemoValue];
}

const SERIES: readonly Series[] = [
  // Climate and digital fresco workshops: people who took part.
  { indicator: 'Nb de personnes ayant participées', values: [180, 260, 310] },
  // Energy-sobriety awareness: share of staff and students reached (%).
  { indicator: 'Nb de personnes ayant participées (taux)', values: [22, 41, 58] },
  { indicator: 'Nb de personnes ayant suivi la formation', values: [35, 80, 120] },
  { indicator: "% d'élèves ayant fait le lien entre cet enseignement et la RES", values: [28, 36, 44] },
  { indicator: "Kwhef d'origine fossile économisés", values: [120_000, 310_000, 450_000] },
  { indicator: 'Kwhef économisés', values: [40_000, 95_000, 150_000] },
  { indicator: 'Kg de compost produit/an', values: [1_800, 2_600, 3_100] },
  { indicator: 'Budget levé', values: [15_000, 42_000, 68_000] },
  { indicator: 'Nb de signalements', values: [0, 0, 0] },
  { indicator: 'Taux satisfaction', values: [68, 71, 74] },
  { indicator: 'Nombre de vecteurs possibles', values: [6, 9, 11] },
  { indicator: 'Respect du décret', values: ['no', 'yes', 'yes'] },
];

/**
 * The seed plan gives few baselines and figures (it was written before any
 * measure): the demo completes the definitions of the indicators it gives
 * values to, so that their progress can be computed. Only empty fields are
 * filled; a definition someone edited is left as it is. Also invented, and
 * listed in docs/demo-data.md.
 */
interface DemoDefinition {
  /** SDGs the indicator's action serves (the 2023-2027 plan has no SDG column). */
  sdgs: number[];
  baseline: number;
  baselineDate: string;
  target: number;
  targetDate: string;
}
const END_2022 = '2022-12-31';
const DEADLINE = '2027-12-31';
const DEFINITIONS: Record<string, DemoDefinition> = {
  'Nb de personnes ayant participées': {
    sdgs: [4, 13],
    baseline: 0,
    baselineDate: END_2022,
    target: 600,
    targetDate: DEADLINE,
  },
  'Nb de personnes ayant participées (taux)': {
    sdgs: [4, 12],
    baseline: 5,
    baselineDate: END_2022,
    target: 100,
    targetDate: DEADLINE,
  },
  'Nb de personnes ayant suivi la formation': {
    sdgs: [4],
    baseline: 0,
    baselineDate: END_2022,
    target: 250,
    targetDate: DEADLINE,
  },
  "% d'élèves ayant fait le lien entre cet enseignement et la RES": {
    sdgs: [4],
    baseline: 20,
    baselineDate: '2022-08-31',
    target: 50,
    targetDate: DEADLINE,
  },
  "Kwhef d'origine fossile économisés": {
    sdgs: [7, 13],
    baseline: 0,
    baselineDate: END_2022,
    target: 800_000,
    targetDate: DEADLINE,
  },
  'Kwhef économisés': { sdgs: [7, 13], baseline: 0, baselineDate: END_2022, target: 400_000, targetDate: DEADLINE },
  'Kg de compost produit/an': {
    sdgs: [12, 15],
    baseline: 1_000,
    baselineDate: END_2022,
    target: 5_000,
    targetDate: DEADLINE,
  },
  'Budget levé': { sdgs: [17], baseline: 0, baselineDate: END_2022, target: 100_000, targetDate: DEADLINE },
  'Nb de signalements': { sdgs: [5, 10], baseline: 0, baselineDate: END_2022, target: 0, targetDate: DEADLINE },
  'Taux satisfaction': { sdgs: [3, 8], baseline: 65, baselineDate: END_2022, target: 75, targetDate: DEADLINE },
  'Nombre de vecteurs possibles': {
    sdgs: [4, 17],
    baseline: 2,
    baselineDate: END_2022,
    target: 12,
    targetDate: '2026-12-31',
  },
};

/** The Plan-vert axis of each workstream of the 2023-2027 plan (by its number), read from its title. */
const WORKSTREAM_AXES: Record<string, string> = {
  '1': 'strategy_governance',
  '2': 'teaching',
  '3': 'campus_environment',
  '4': 'social_territorial',
};

/** The exceptions to "validated": each tells a part of the workflow. */
const SPECIAL: Record<string, { year: number; state: ValueState; reason?: string; correctedFrom?: number }> = {
  'Budget levé': { year: 2025, state: 'submitted' },
  'Kg de compost produit/an': {
    year: 2025,
    state: 'returned',
    reason: "Merci de joindre le bordereau de pesée du prestataire ou de préciser la méthode d'estimation.",
  },
  'Nombre de vecteurs possibles': { year: 2025, state: 'draft' },
  "Kwhef d'origine fossile économisés": {
    year: 2024,
    state: 'validated',
    correctedFrom: 280_000,
    reason: 'Relevé corrigé après la facture de régularisation du fournisseur de gaz.',
  },
};

const at = (date: string, hour: number) => {
  const iso = `${date}T${String(hour).padStart(2, '0')}:00:00.000Z`;
  const now = new Date().toISOString();
  return iso < now ? iso : now;
};

/**
 * Loads the demo values into the institution's 2023-2027 plan. Does nothing
 * when demo values already exist or the plan is missing. Returns how many
 * value versions were written.
 */
export async function loadDemoValues(db: Kysely<DB>, institutionId: string): Promise<number> {
  const plan = await db
    .selectFrom('plan')
    .select('id')
    .where('institution_id', '=', institutionId)
    .where('source_name', '=', PLAN_SOURCE)
    .executeTakeFirst();
  if (!plan) return 0;
  const already = await db
    .selectFrom('indicator_value')
    .innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
    .select('indicator_value.id')
    .where('indicator.plan_id', '=', plan.id)
    .where('indicator_value.is_demo', '=', 1)
    .limit(1)
    .executeTakeFirst();
  if (already) return 0;
  const [indicators, users] = await Promise.all([
    db
      .selectFrom('indicator')
      .select(['id', 'name', 'periodicity', 'responsible_person_id', 'action_id'])
      .where('plan_id', '=', plan.id)
      .execute(),
    db
      .selectFrom('app_user')
      .innerJoin('membership', 'membership.user_id', 'app_user.id')
      .select(['app_user.id', 'app_user.display_name', 'app_user.person_id', 'membership.role'])
      .where('membership.institution_id', '=', institutionId)
      .execute(),
  ]);
  const officer = users.find((u) => u.role === 'admin');
  for (const [code, axis] of Object.entries(WORKSTREAM_AXES)) {
    await db
      .updateTable('workstream')
      .set({ axis_code: axis })
      .where('plan_id', '=', plan.id)
      .where('code', '=', code)
      .where('axis_code', 'is', null)
      .execute();
  }
  let written = 0;
  await db.transaction().execute(async (trx) => {
    const audit = async (
      valueId: string,
      when: string,
      who: { id: string; display_name: string } | undefined,
      changes: [string, string | null, string | null][],
    ) => {
      for (const [field, before, after] of changes) {
        await trx
          .insertInto('audit_event')
          .values({
            id: newId(),
            institution_id: institutionId,
            actor_user_id: who?.id ?? null,
            actor_label: who?.display_name ?? 'demo',
            at: when,
            entity_type: 'indicator_value',
            entity_id: valueId,
            operation: 'update',
            field,
            before_value: before,
            after_value: after,
          })
          .execute();
      }
    };
    for (const series of SERIES) {
      const indicator = indicators.find((i) => i.name === series.indicator);
      if (!indicator) continue;
      const definition = DEFINITIONS[series.indicator];
      if (definition && indicator.action_id) {
        const tagged = await trx
          .selectFrom('action_sdg')
          .select('sdg_number')
          .where('action_id', '=', indicator.action_id)
          .execute();
        const missing = definition.sdgs.filter((n) => !tagged.some((t) => t.sdg_number === n));
        if (missing.length) {
          await trx
            .insertInto('action_sdg')
            .values(missing.map((n) => ({ action_id: indicator.action_id as string, sdg_number: n })))
            .execute();
        }
      }
      if (definition) {
        await trx
          .updateTable('indicator')
          .set((eb) => ({
            baseline_value_milli: eb.fn.coalesce('baseline_value_milli', eb.val(definition.baseline * 1000)),
            baseline_date: eb.fn.coalesce('baseline_date', eb.val(definition.baselineDate)),
            target_value_milli: eb.fn.coalesce('target_value_milli', eb.val(definition.target * 1000)),
            target_date: eb.fn.coalesce('target_date', eb.val(definition.targetDate)),
          }))
          .where('id', '=', indicator.id)
          .where('version', '=', 1)
          .execute();
      }
      const periodicity = isPeriodicity(indicator.periodicity) ? indicator.periodicity : 'year';
      const pilot =
        users.find((u) => u.person_id !== null && u.person_id === indicator.responsible_person_id) ?? officer;
      for (const [i, year] of YEARS.entries()) {
        const period = periodOfYear(periodicity, year);
        const special = SPECIAL[series.indicator]?.year === year ? SPECIAL[series.indicator] : undefined;
        const fields = (v: DemoValue) =>
          typeof v === 'number' ? { value_milli: v * 1000, value_text: null } : { value_milli: null, value_text: v };
        const versions =
          special?.correctedFrom !== undefined ? [special.correctedFrom, series.values[i]] : [series.values[i]];
        for (const [v, value] of versions.entries()) {
          const last = v === versions.length - 1;
          const state: ValueState = last ? (special?.state ?? 'validated') : 'validated';
          // A second version comes some weeks after the first was validated.
          const offset = v * 45;
          const entered = at(addDays(period.end, 20 + offset), 9);
          const submitted = at(addDays(period.end, 22 + offset), 10);
          const reviewed = at(addDays(period.end, 35 + offset), 14);
          const id = newId();
          await trx
            .insertInto('indicator_value')
            .values({
              id,
              indicator_id: indicator.id,
              period: period.label,
              period_start: period.start,
              period_end: period.end,
              version: v + 1,
              is_current: last ? 1 : 0,
              ...fields(value),
              comment: DEMO_COMMENT,
              evidence_url: null,
              evidence_file_id: null,
              state,
              return_reason: state === 'returned' ? (special?.reason ?? null) : null,
              change_reason: v > 0 ? (special?.reason ?? null) : null,
              entered_by: pilot?.id ?? null,
              entered_by_label: pilot?.display_name ?? 'demo',
              entered_at: entered,
              reviewed_by: state === 'validated' || state === 'returned' ? (officer?.id ?? null) : null,
              reviewed_at: state === 'validated' || state === 'returned' ? reviewed : null,
              is_demo: 1,
            })
            .execute();
          written++;
          if (state === 'draft') continue;
          await audit(id, submitted, pilot, [['state', 'draft', 'submitted']]);
          if (state === 'validated') await audit(id, reviewed, officer, [['state', 'submitted', 'validated']]);
          if (state === 'returned') {
            await audit(id, reviewed, officer, [
              ['state', 'submitted', 'returned'],
              ['return_reason', null, special?.reason ?? null],
            ]);
          }
        }
      }
    }
  });
  return written;
}
