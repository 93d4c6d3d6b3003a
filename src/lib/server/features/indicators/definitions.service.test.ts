import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import { listAuditForEntity } from '../audit';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { type DefinitionEdit, definitionEditSchema } from './definitions';
import { enrichPlanIndicators, updateIndicatorDefinition } from './definitions.service';
import { getIndicatorPage } from './indicator-page.service';
import { recordValue } from './values.service';

describeEachDialect('indicator definitions', (get) => {
  let admin: SessionUser;
  let pilot: SessionUser;
  let indicatorId: string;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    const plan = await db.selectFrom('plan').select('id').where('start_year', '=', 2023).executeTakeFirstOrThrow();
    await db.transaction().execute((trx) => enrichPlanIndicators(trx, plan.id));
    indicatorId = (
      await db
        .selectFrom('indicator')
        .select('id')
        .where('name', '=', 'Nombre de vecteurs possibles')
        .executeTakeFirstOrThrow()
    ).id;
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
  });

  const editOf = async (changes: Partial<DefinitionEdit>): Promise<DefinitionEdit> => {
    const page = await getIndicatorPage(get().db, admin, indicatorId);
    const d = page!.definition;
    return definitionEditSchema.parse({
      expectedVersion: d.version,
      name: d.name,
      unit: d.unit,
      direction: d.direction,
      kind: d.kind,
      periodicity: d.periodicity,
      baselineValueMilli: d.baselineValueMilli,
      baselineDate: d.baselineDate,
      targetValueMilli: d.targetValueMilli,
      targetDate: d.targetDate,
      responsiblePersonId: d.responsiblePerson?.id ?? null,
      source: d.source,
      sourceKey: d.sourceKey,
      ...changes,
    });
  };

  test('the page shows the definition in its plan context with the periods a form offers', async () => {
    const page = await getIndicatorPage(get().db, pilot, indicatorId, '2026-03-10');
    expect(page?.action?.title).toMatch(/^Identification des cibles/);
    expect(page?.definition).toMatchObject({ kind: 'number', unit: 'nombre', periodicity: 'year' });
    expect(page?.periodOptions.map((p) => p.label)).toEqual(['2026', '2025', '2024', '2023', '2022']);
    expect([page?.canEnter, page?.canReview, page?.canEditDefinition]).toEqual([true, false, false]);
  });

  test('the officer edits a definition; the history records each field', async () => {
    const { db } = get();
    const edit = await editOf({ targetValueMilli: 15_000, targetDate: '2027-06-30', baselineValueMilli: 4_000 });
    expect(await updateIndicatorDefinition(db, pilot, indicatorId, edit)).toMatchObject({
      ok: false,
      error: { code: 'indicators.definition.forbidden' },
    });
    expect(await updateIndicatorDefinition(db, admin, indicatorId, edit)).toMatchObject({
      ok: true,
      value: { version: 2, changed: 3 },
    });
    expect(await updateIndicatorDefinition(db, admin, indicatorId, edit)).toMatchObject({
      ok: false,
      error: { code: 'indicators.definition.stale' },
    });
    const history = await listAuditForEntity(db, 'indicator', indicatorId);
    expect(history.map((h) => [h.field, h.after]).sort()).toEqual([
      ['baseline_value_milli', '4000'],
      ['target_date', '2027-06-30'],
      ['target_value_milli', '15000'],
    ]);
  });

  test('the periodicity cannot change once values exist, and the person must be of the institution', async () => {
    const { db } = get();
    await recordValue(db, admin, { indicatorId, period: '2024', value: '7' });
    expect(
      await updateIndicatorDefinition(db, admin, indicatorId, await editOf({ periodicity: 'quarter' })),
    ).toMatchObject({
      ok: false,
      error: { code: 'indicators.definition.periodicityLocked' },
    });
    expect(await updateIndicatorDefinition(db, admin, indicatorId, await editOf({ kind: 'text' }))).toMatchObject({
      ok: false,
      error: { code: 'indicators.definition.kindLocked' },
    });
    expect(await updateIndicatorDefinition(db, admin, indicatorId, await editOf({ kind: 'percentage' }))).toMatchObject(
      { ok: true },
    );
    expect(
      await updateIndicatorDefinition(db, admin, indicatorId, await editOf({ responsiblePersonId: 'someone-else' })),
    ).toMatchObject({ ok: false, error: { code: 'indicators.definition.invalidPerson' } });
  });

  test('enrichment leaves edited indicators alone and changes nothing the second time', async () => {
    const { db } = get();
    const plan = await db.selectFrom('plan').select('id').where('start_year', '=', 2023).executeTakeFirstOrThrow();
    expect(await db.transaction().execute((trx) => enrichPlanIndicators(trx, plan.id))).toBe(0);
    const row = await db.selectFrom('indicator').selectAll().where('id', '=', indicatorId).executeTakeFirstOrThrow();
    expect([row.kind, Number(row.target_value_milli)]).toEqual(['percentage', 15_000]);
  });
});
