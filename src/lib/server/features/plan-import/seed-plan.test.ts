import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { countPlan, type ParsedAction, type ParsedPlan } from './parsed-plan';
import { parseSeedPlan, readMeans, readTitle } from './seed-plan';

const SEED = readFileSync(
  new URL('../../../../../data/demo/imt-mines-ales-plan-res-2023-2027.tsv', import.meta.url),
  'utf8',
);

function parseSeed(): ParsedPlan {
  const result = parseSeedPlan(SEED);
  if (!result.ok) throw new Error(`seed refused: ${result.error.code}`);
  return result.value;
}

function actionAt(plan: ParsedPlan, row: number): ParsedAction {
  const all = plan.workstreams.flatMap((w) => [...w.actions, ...w.objectives.flatMap((o) => o.actions)]);
  const action = all.find((a) => a.row === row);
  if (!action) throw new Error(`no action on row ${row}`);
  return action;
}

const HEADER = "Chantier\tObjectif\tCible 2027\tNom de l'action\tPilote/équipe\tIndicateurs de suivi";

describe('the IMT Mines Alès seed plan', () => {
  const plan = parseSeed();

  test('the title line gives a multi-year plan 2023-2027', () => {
    expect(plan).toMatchObject({
      title: "Plan d'action RES 2023/2027",
      kind: 'multi_year',
      startYear: 2023,
      endYear: 2027,
    });
  });

  test('the cross-cutting means line is 10 % of an FTE per referent', () => {
    expect(plan.means).toEqual([
      { label: '10% x nombre de référents DRS', fteRatioMilli: 100, basis: 'steering_committee_referents' },
    ]);
  });

  test('the seed holds 4 workstreams, 17 objectives, 22 targets, 49 actions and 51 indicators', () => {
    // Counted by hand from the file: actions 9 + 15 + 17 + 8; objectives 4 + 5 + 4 + 4 once "Objectif 2 (suite)" is merged.
    expect(countPlan(plan)).toMatchObject({ workstreams: 4, objectives: 17, targets: 22, actions: 49, indicators: 51 });
    expect(plan.workstreams.map((w) => w.objectives.length)).toEqual([4, 5, 4, 4]);
    expect(plan.workstreams.map((w) => w.objectives.reduce((n, o) => n + o.actions.length, 0))).toEqual([9, 15, 17, 8]);
    expect(plan.workstreams.every((w) => w.actions.length === 0)).toBe(true);
  });

  test('25 distinct people are named as pilots', () => {
    expect(countPlan(plan).people).toBe(25);
  });

  test('workstream and objective codes are their numbers and titles lose the prefix', () => {
    expect(plan.workstreams.map((w) => w.code)).toEqual(['1', '2', '3', '4']);
    expect(plan.workstreams[0].title).toMatch(/^Des politiques partagées/);
    expect(plan.workstreams[1].title).toMatch(/^Métiers : Faire de IMT Mines Alès un inspireur/);
    expect(plan.workstreams[2].objectives[0].title).toMatch(/^Climat-Energie : réduire/);
    expect(plan.workstreams[2].objectives[3].title).toMatch(/^Déchets Faire du campus, un campus exemplaire/);
    expect(plan.workstreams[3].objectives[3]).toMatchObject({
      code: '4',
      title: "Contribuer à l'accès à la culture scientifique pour tous",
    });
  });

  test('"Chantier 2" and "Chantier 2 (suite)" are one workstream, reported merged with a title warning', () => {
    const second = plan.workstreams[1];
    expect(second.objectives.map((o) => o.code)).toEqual(['1', '2', '3', '4', '5']);
    expect(plan.rows.find((r) => r.row === 31)).toMatchObject({
      outcome: 'merged',
      code: 'import.plan.workstreamTitleDiffers',
      params: { number: '2' },
    });
    expect(plan.warnings.map((w) => w.code)).toEqual(['import.plan.workstreamTitleDiffers']);
  });

  test('"Objectif 2 (suite)" continues objective 2 of workstream 2 without duplicating its target', () => {
    const training = plan.workstreams[1].objectives[1];
    expect(training.actions.map((a) => a.row)).toEqual([22, 23, 24, 25]);
    expect(training.targets.map((t) => t.label)).toEqual(['50% des formations adressent la RES']);
    expect(plan.rows.find((r) => r.row === 24)).toMatchObject({
      outcome: 'merged',
      code: 'import.plan.objectiveMerged',
    });
  });

  test('the empty workstream cell after a blank line still belongs to workstream 3', () => {
    expect(plan.workstreams[2].objectives[3].actions.map((a) => a.row)).toEqual([52, 53, 54]);
  });

  test('glued targets are split and read', () => {
    const climate = plan.workstreams[2].objectives[0];
    expect(climate.targets).toEqual([
      {
        label: "Diminution de 20% de la consommation d'origine fossile",
        baselineValue: null,
        targetValue: -20,
        unit: '%',
        deadline: '2027-12-31',
        qualitative: false,
      },
      {
        label: 'Diminution de 5% par an de nos GES',
        baselineValue: null,
        targetValue: -5,
        unit: '%/an',
        deadline: '2027-12-31',
        qualitative: false,
      },
    ]);
    expect(plan.workstreams[0].objectives[3].targets.map((t) => t.label)).toEqual([
      'Communication auprès de 100% des parties prenantes identifiées',
      'Maintien des classements',
    ]);
  });

  test('pilots, pilot text and indicators come out right for several rows', () => {
    const first = actionAt(plan, 8);
    expect(first.title).toBe("Définir, rédiger et décliner les politiques DRS de l'école dans toutes les entités");
    expect(first.pilotText).toBe('Bazin I. + Martinez S.');
    expect(first.pilots.map((p) => p.familyName)).toEqual(['Bazin', 'Martinez']);
    expect(first.indicators).toEqual([{ name: 'Nb de politiques rédigées', unit: 'nombre' }]);

    const training = actionAt(plan, 19);
    expect(training.pilots.map((p) => p.label)).toEqual(['Enrech C.', 'Ferlut M.', 'Le Brun H.', 'Allier S.']);
    expect(training.indicators.map((i) => i.unit)).toEqual(['nombre', 'nombre', '€']);
    expect(training.indicators[2].name).toBe('montant $ pour le montage de la formation');

    const boiler = actionAt(plan, 43);
    expect(boiler.pilots).toEqual([{ kind: 'unit', label: 'SG/Div Immob' }]);
    expect(boiler.indicators).toEqual([{ name: "Kwhef d'origine fossile économisés", unit: 'kWhef' }]);

    const culture = actionAt(plan, 64);
    expect(culture.pilots.map((p) => `${p.kind}:${p.label}`)).toEqual([
      'unit:DIR COM',
      'person:Gossiaux K',
      'person:Jaquemin H',
    ]);

    expect(actionAt(plan, 32).indicators).toEqual([]);
    expect(actionAt(plan, 62).pilots).toEqual([
      { kind: 'person', label: 'S Martinez', familyName: 'Martinez', initials: 'S' },
    ]);
  });

  test('every action row is reported imported or merged, header rows skipped, title and means read', () => {
    const byOutcome = (outcome: string) => plan.rows.filter((r) => r.outcome === outcome).map((r) => r.row);
    expect(byOutcome('skipped')).toEqual([7, 18, 36, 56]);
    expect(byOutcome('merged')).toEqual([24, 31]);
    expect(byOutcome('imported')).toHaveLength(47 + 2);
    expect(
      plan.rows
        .filter((r) => r.code === 'import.plan.row.title' || r.code === 'import.plan.row.means')
        .map((r) => r.row),
    ).toEqual([3, 5]);
    expect(byOutcome('rejected')).toEqual([]);
    expect(byOutcome('warning')).toEqual([]);
  });

  test('Windows line endings and a byte-order mark read the same', () => {
    const result = parseSeedPlan(`\uFEFF${SEED.replace(/\n/g, '\r\n')}`);
    expect(result.ok && countPlan(result.value)).toEqual(countPlan(plan));
  });
});

describe('other texts', () => {
  test('a text without a header row is not a plan', () => {
    expect(parseSeedPlan('Bonjour\nCeci est un compte rendu.')).toEqual({
      ok: false,
      error: { code: 'import.plan.notAPlan' },
    });
    expect(parseSeedPlan('')).toEqual({ ok: false, error: { code: 'import.plan.notAPlan' } });
  });

  test('a header row without any action is not a plan', () => {
    expect(parseSeedPlan(`Plan 2024\n${HEADER}\n\n`)).toEqual({ ok: false, error: { code: 'import.plan.notAPlan' } });
  });

  test('a row with a workstream but no action title is a warning', () => {
    const text = `Plan 2024\n${HEADER}\nChantier 1 : Climat\tObjectif 1 : Énergie\t100% renouvelable\t\tSG\t\nChantier 1 : Climat\t\t\tIsoler\tSG\t`;
    const result = parseSeedPlan(text);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.rows.find((r) => r.row === 3)).toMatchObject({
      outcome: 'warning',
      code: 'import.plan.actionMissing',
    });
    expect(result.value.rows.find((r) => r.row === 4)).toMatchObject({ outcome: 'imported' });
    expect(result.value.workstreams[0].objectives[0].targets).toHaveLength(1);
  });

  test('a plan without a title line is read with a warning', () => {
    const result = parseSeedPlan(`${HEADER}\nChantier 1\tObjectif 1\t\tIsoler\tSG\t`);
    expect(result.ok && result.value.warnings.map((w) => w.code)).toEqual(['import.plan.titleMissing']);
  });
});

describe('title and means lines', () => {
  test('a span of years is multi-year, a single or academic year is yearly', () => {
    expect(readTitle('Plan 2023/2027')).toMatchObject({ kind: 'multi_year', startYear: 2023, endYear: 2027 });
    expect(readTitle('Plan 2024-2025')).toMatchObject({ kind: 'yearly', startYear: 2024, endYear: 2025 });
    expect(readTitle('Plan 2025')).toMatchObject({ kind: 'yearly', startYear: 2025, endYear: 2025 });
    expect(readTitle('Plan climat')).toMatchObject({ kind: 'multi_year', startYear: null, endYear: null });
  });

  test('a means line without a ratio keeps its text only', () => {
    expect(readMeans('Moyens : un chargé de mission')).toEqual({
      label: 'un chargé de mission',
      fteRatioMilli: null,
      basis: null,
    });
  });
});
