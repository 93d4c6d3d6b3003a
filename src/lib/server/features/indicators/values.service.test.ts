import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { getIndicatorProgress } from '../progress';
import { enrichPlanIndicators } from './definitions.service';
import { loadDemoValues } from './demo-values';
import { getEvidenceDownload } from './evidence.service';
import { getIndicatorPage, listValueHistory } from './indicator-page.service';
import { getMyValuesPage, recordMyValues } from './my-values.service';
import { bytes, PDF, PNG, storedZip } from './test-files';
import { returnValue, submitValue, validateValue } from './value-review.service';
import { recordValue } from './values.service';

const DEMO_PLAN = 'imt-mines-ales-plan-res-2023-2027.tsv';

describeEachDialect('indicator values', (get) => {
  let admin: SessionUser;
  let pilot: SessionUser;
  let viewer: SessionUser;
  let committee: SessionUser;
  const ids = new Map<string, string>();
  const id = (name: string) => ids.get(name) ?? '';
  const countRows = async (table: 'indicator_value' | 'evidence_file') =>
    Number(
      (
        await get()
          .db.selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    const institution = await db.selectFrom('institution').select('id').executeTakeFirstOrThrow();
    const plan = await db
      .selectFrom('plan')
      .select('id')
      .where('source_name', '=', DEMO_PLAN)
      .executeTakeFirstOrThrow();
    // The demo loader runs these once integrated; both are idempotent.
    await db.transaction().execute((trx) => enrichPlanIndicators(trx, plan.id));
    await loadDemoValues(db, institution.id);
    for (const i of await db.selectFrom('indicator').select(['id', 'name']).where('plan_id', '=', plan.id).execute()) {
      if (!ids.has(i.name)) ids.set(i.name, i.id);
    }
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
    viewer = await sessionUserByEmail(db, 'lecteur@demo.trajectoire.test');
    committee = await sessionUserByEmail(db, 'referent.dde@demo.trajectoire.test');
  });

  test('the import enrichment gives the seed indicators kinds, units, periodicities and targets', async () => {
    const { db } = get();
    const row = (name: string) =>
      db.selectFrom('indicator').selectAll().where('id', '=', id(name)).executeTakeFirstOrThrow();
    expect(await row('Nb de politiques rédigées')).toMatchObject({
      kind: 'number',
      unit: 'nombre',
      direction: 'increase',
      periodicity: 'year',
      target_value_milli: null,
    });
    const share = await row("% d'élèves ayant fait le lien entre cet enseignement et la RES");
    expect(share).toMatchObject({
      kind: 'percentage',
      unit: '%',
      periodicity: 'academic_year',
      target_date: '2027-12-31',
    });
    expect(Number(share.target_value_milli)).toBe(50_000);
    const reports = await row('Nb de signalements');
    expect([reports.direction, Number(reports.target_value_milli)]).toEqual(['decrease', 0]);
    expect(await row('Mission FIA démarrée')).toMatchObject({ kind: 'milestone', direction: 'milestone' });
    expect((await row('Kg de compost produit/an')).responsible_person_id).toBe(pilot.personId);
  });

  test('demo values cover three years in every state, the corrected one with both versions', async () => {
    const { db } = get();
    const states = await db
      .selectFrom('indicator_value')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .where('is_demo', '=', 1)
      .where('is_current', '=', 1)
      .groupBy('state')
      .execute();
    const byState = Object.fromEntries(states.map((s) => [s.state, Number(s.n)]));
    expect(byState).toMatchObject({ submitted: 1, returned: 1, draft: 1 });
    expect(byState.validated).toBeGreaterThanOrEqual(30);
    const history = await listValueHistory(db, admin, id("Kwhef d'origine fossile économisés"), '2024');
    expect(history?.map((h) => h.event)).toEqual([
      'validated',
      'submitted',
      'corrected',
      'validated',
      'submitted',
      'entered',
    ]);
    expect(history?.[2]).toMatchObject({
      valueBefore: { valueMilli: 280_000_000 },
      valueAfter: { valueMilli: 310_000_000 },
    });
    expect(
      await loadDemoValues(db, (await db.selectFrom('institution').select('id').executeTakeFirstOrThrow()).id),
    ).toBe(0);
  });

  test('a pilot records a value, submits it, and the officer validates it', async () => {
    const { db } = get();
    const indicatorId = id('% de baisse/an');
    const recorded = await recordValue(db, pilot, {
      indicatorId,
      period: '2025',
      value: '12,5',
      comment: 'Pesées',
      expectedVersion: null,
    });
    expect(recorded).toMatchObject({ ok: true, value: { version: 1, unchanged: false } });
    expect(await submitValue(db, pilot, { indicatorId, period: '2025', expectedVersion: 1 })).toMatchObject({
      ok: true,
    });
    expect(await validateValue(db, pilot, { indicatorId, period: '2025' })).toMatchObject({
      ok: false,
      error: { code: 'indicators.value.forbidden' },
    });
    expect(await validateValue(db, admin, { indicatorId, period: '2025', expectedVersion: 1 })).toMatchObject({
      ok: true,
    });
    const page = await getIndicatorPage(db, pilot, indicatorId);
    expect(page?.values[0]).toMatchObject({
      period: '2025',
      valueMilli: 12_500,
      state: 'validated',
      comment: 'Pesées',
    });
    const progress = await getIndicatorProgress(db, admin.institutionId, indicatorId, '2026-06-01');
    expect(progress?.series.find((s) => s.period === '2025')).toMatchObject({ value: 12.5, state: 'validated' });
  });

  test('correcting a validated value needs a reason and keeps the first version', async () => {
    const { db } = get();
    const indicatorId = id('% de baisse/an');
    const before = await countRows('indicator_value');
    expect(
      await recordValue(db, pilot, { indicatorId, period: '2025', value: '13', expectedVersion: 1 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'indicators.value.reasonRequired' },
    });
    expect(await countRows('indicator_value')).toBe(before);
    const corrected = await recordValue(db, pilot, {
      indicatorId,
      period: '2025',
      value: '13',
      changeReason: 'Pesée de décembre oubliée',
      expectedVersion: 1,
    });
    expect(corrected).toMatchObject({ ok: true, value: { version: 2 } });
    const versions = await db
      .selectFrom('indicator_value')
      .select(['version', 'is_current', 'value_milli', 'state', 'change_reason'])
      .where('indicator_id', '=', indicatorId)
      .orderBy('version')
      .execute();
    expect(versions.map((v) => [v.version, v.is_current, Number(v.value_milli), v.state, v.change_reason])).toEqual([
      [1, 0, 12_500, 'validated', null],
      [2, 1, 13_000, 'draft', 'Pesée de décembre oubliée'],
    ]);
    expect(
      await recordValue(db, pilot, { indicatorId, period: '2025', value: '14', expectedVersion: 1 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'indicators.value.stale' },
    });
  });

  test('a returned value shows, with its reason, in the pilot\u2019s list', async () => {
    const { db } = get();
    const indicatorId = id('% de baisse/an');
    await submitValue(db, pilot, { indicatorId, period: '2025' });
    expect(await returnValue(db, admin, { indicatorId, period: '2025', reason: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'indicators.value.reasonRequired' },
    });
    expect(await returnValue(db, admin, { indicatorId, period: '2025', reason: 'Joindre le relevé' })).toMatchObject({
      ok: true,
    });
    const mine = await getMyValuesPage(db, pilot, 2025);
    expect(mine.returned.map((r) => [r.indicatorName, r.period, r.returnReason])).toContainEqual([
      '% de baisse/an',
      '2025',
      'Joindre le relevé',
    ]);
    expect(mine.returned.map((r) => r.indicatorName)).toContain('Kg de compost produit/an');
  });

  test('only the pilots of an indicator and the officer enter its values', async () => {
    const { db } = get();
    const before = await countRows('indicator_value');
    const budget = { indicatorId: id('Budget levé'), period: '2024', value: '1' };
    expect(await recordValue(db, pilot, budget)).toMatchObject({
      ok: false,
      error: { code: 'indicators.value.forbidden' },
    });
    expect(await recordValue(db, viewer, { ...budget, indicatorId: id('% de baisse/an') })).toMatchObject({
      ok: false,
      error: { code: 'indicators.value.forbidden' },
    });
    expect(await recordValue(db, committee, budget)).toMatchObject({
      ok: false,
      error: { code: 'indicators.value.forbidden' },
    });
    expect(await recordValue(db, pilot, { ...budget, indicatorId: 'no-such-id' })).toMatchObject({
      ok: false,
      error: { code: 'indicators.value.notFound' },
    });
    expect(await countRows('indicator_value')).toBe(before);
  });

  test('an invalid period, number or link is refused with its code and nothing is written', async () => {
    const { db } = get();
    const indicatorId = id('Nombre de vecteurs possibles');
    const before = await countRows('indicator_value');
    const attempt = (period: string, value: string, evidenceUrl?: string) =>
      recordValue(db, pilot, { indicatorId, period, value, evidenceUrl });
    expect(await attempt('2024-Q1', '3')).toMatchObject({ error: { code: 'indicators.value.invalidPeriod' } });
    expect(await attempt('2099', '3')).toMatchObject({ error: { code: 'indicators.value.futurePeriod' } });
    expect(await attempt('2024', 'douze')).toMatchObject({ error: { code: 'indicators.value.invalidNumber' } });
    expect(await attempt('2024', '')).toMatchObject({ error: { code: 'indicators.value.required' } });
    expect(await attempt('2024', '3', 'javascript:alert(1)')).toMatchObject({
      error: { code: 'indicators.value.invalidUrl' },
    });
    expect(
      await recordValue(db, admin, { indicatorId: id('Respect du décret'), period: '2022', value: 'peut-être' }),
    ).toMatchObject({
      error: { code: 'indicators.value.invalidChoice' },
    });
    expect(await countRows('indicator_value')).toBe(before);
  });

  test('evidence is stored with the type its bytes show; anything else is refused', async () => {
    const { db } = get();
    const indicatorId = id('Kwhef économisés');
    const entry = (period: string, filename: string, file: Uint8Array) =>
      recordValue(db, admin, { indicatorId, period, value: '1000', evidenceFile: { filename, bytes: file } });
    const files = await countRows('evidence_file');
    for (const [name, file] of [
      ['setup.pdf', bytes('MZ', [0x90, 0, 3, 0])],
      ['page.pdf', bytes('<html><body>hi</body></html>')],
      ['archive.pdf', storedZip([{ name: 'a.txt', data: 'a' }])],
    ] as const) {
      expect(await entry('2022', name, file)).toMatchObject({
        ok: false,
        error: { code: 'indicators.evidence.refused' },
      });
    }
    expect(await countRows('evidence_file')).toBe(files);
    expect(await entry('2022', 'facture.pdf', PDF)).toMatchObject({ ok: true });
    expect(await entry('2021', 'photo-compteur.pdf', PNG)).toMatchObject({ ok: true });
    const stored = await db
      .selectFrom('evidence_file')
      .select(['id', 'filename', 'content_type', 'sha256', 'byte_size'])
      .orderBy('uploaded_at')
      .orderBy('id')
      .execute();
    expect(stored.map((f) => [f.filename, f.content_type])).toEqual([
      ['facture.pdf', 'application/pdf'],
      ['photo-compteur.pdf', 'image/png'],
    ]);
    expect(stored[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const download = await getEvidenceDownload(db, pilot, stored[1].id);
    expect(download?.contentType).toBe('image/png');
    expect(download?.contentDisposition).toContain('filename="photo-compteur.png"');
    expect(await getEvidenceDownload(db, pilot, 'unknown')).toBeUndefined();
    // A correction keeps the evidence unless it is replaced or removed.
    await recordValue(db, admin, { indicatorId, period: '2022', value: '1200' });
    const page = await getIndicatorPage(db, admin, indicatorId);
    expect(page?.values.find((v) => v.period === '2022')?.evidenceFile?.filename).toBe('facture.pdf');
  });

  test('bulk entry saves every row or none, then submits the drafts', async () => {
    const { db } = get();
    const page = await getMyValuesPage(db, pilot, 2024);
    const rows = page.rows.filter((r) => r.editable);
    expect(rows.length).toBeGreaterThan(2);
    const before = await countRows('indicator_value');
    const invalid = await recordMyValues(db, pilot, {
      year: 2024,
      entries: rows.map((r, i) => ({
        indicatorId: r.indicatorId,
        value: i === 0 ? 'beaucoup' : '',
        comment: '',
        expectedVersion: null,
      })),
      submit: false,
    });
    expect(invalid).toMatchObject({
      ok: false,
      rows: [{ indicatorId: rows[0].indicatorId, code: expect.stringMatching(/^indicators\.value\./) }],
    });
    expect(await countRows('indicator_value')).toBe(before);
    const numeric = rows.filter((r) => r.kind === 'number' || r.kind === 'percentage').slice(0, 2);
    const saved = await recordMyValues(db, pilot, {
      year: 2024,
      entries: numeric.map((r) => ({
        indicatorId: r.indicatorId,
        value: '4',
        comment: 'Saisie groupée',
        expectedVersion: r.current?.version ?? null,
      })),
      submit: true,
    });
    expect(saved).toMatchObject({ ok: true, value: { saved: 2, submitted: 2 } });
    const after = await getMyValuesPage(db, pilot, 2024);
    for (const r of numeric)
      expect(after.rows.find((x) => x.indicatorId === r.indicatorId)?.current?.state).toBe('submitted');
    const foreign = await recordMyValues(db, pilot, {
      year: 2024,
      entries: [{ indicatorId: id('Budget levé'), value: '5', comment: '', expectedVersion: null }],
      submit: false,
    });
    expect(foreign).toMatchObject({ ok: false, rows: [{ code: 'indicators.value.forbidden' }] });
  });
});
