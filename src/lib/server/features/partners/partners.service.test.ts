import { beforeAll, expect, test } from 'vitest';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { importRecords } from '../record-import';
import { addAgreement, addContact, deleteContact, getAgreementFile } from './agreements.service';
import type { PartnerInput } from './partners';
import { createPartner, deletePartner, editPartner } from './partners.service';
import { loadPartnersDemo } from './partners-demo';
import { exportPartners } from './partners-export';
import { PARTNERS_IMPORT } from './partners-import';
import { PARTNERS_ACTIVE, PARTNERS_AGREEMENTS_ACTIVE } from './partners-indicators';
import { getPartnerPage, getPartnersListPage, getSdgPartnersPage } from './partners-pages.service';

const TODAY = '2026-11-26';
const YEAR_2025 = { periodicity: 'year' as const, label: '2025', start: '2025-01-01', end: '2025-12-31' };
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

function aPartner(overrides: Partial<PartnerInput> = {}): PartnerInput {
  return {
    name: 'Cluster Test',
    kind: 'company',
    roles: [{ role: 'administrator', detail: 'conseil de surveillance' }],
    startedOn: '2020-01-01',
    endedOn: null,
    website: 'https://cluster.example.org',
    description: null,
    sdgs: [13, 7],
    ...overrides,
  };
}

const csv = (text: string) => new TextEncoder().encode(text);

describeEachDialect('partners', (get) => {
  let admin: SessionUser;
  let pilot: SessionUser;
  let committee: SessionUser;
  let viewer: SessionUser;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    pilot = await sessionUserByEmail(db, 'pilote@demo.trajectoire.test');
    committee = await sessionUserByEmail(db, 'referent.dde@demo.trajectoire.test');
    viewer = await sessionUserByEmail(db, 'lecteur@demo.trajectoire.test');
    const any = await db.selectFrom('partner').select('id').executeTakeFirst();
    if (!any) await loadPartnersDemo(db, admin.institutionId);
  });

  test('the demo loads the report clusters with their SDG and roles, and invented agreements marked', async () => {
    const { db } = get();
    const { partners } = await getPartnersListPage(db, viewer, {}, TODAY);
    const derbi = partners.find((p) => p.name === 'DERBI');
    expect(derbi).toMatchObject({ kind: 'competitiveness_cluster', sdgs: [7] });
    expect(derbi?.roles.map((r) => r.role)).toEqual(['administrator', 'board_member']);
    expect(partners.find((p) => p.name === 'Aqua-Valley')?.roles[0]?.role).toBe('committee_chair');
    expect(partners.find((p) => p.name === 'Pôle Mer Méditerranée')?.sdgs).toEqual([14]);
    expect(partners.filter((p) => p.kind === 'competitiveness_cluster')).toHaveLength(9);
    expect(partners.filter((p) => p.kind === 'local_authority')).toHaveLength(4);
    const agreements = await db.selectFrom('partner_agreement').select(['is_demo']).execute();
    expect(agreements.length).toBeGreaterThan(0);
    expect(agreements.every((a) => a.is_demo === 1 || a.is_demo === 0)).toBe(true);
  });

  test('a pilot records a partner with roles and SDGs; a viewer and the committee cannot; the name must be new', async () => {
    const { db } = get();
    expect(await createPartner(db, viewer, aPartner())).toEqual({
      ok: false,
      error: { code: 'partners.error.forbidden' },
    });
    expect(await createPartner(db, committee, aPartner())).toEqual({
      ok: false,
      error: { code: 'partners.error.forbidden' },
    });
    const created = await createPartner(db, pilot, aPartner());
    if (!created.ok) throw new Error(created.error.code);
    expect(await createPartner(db, admin, aPartner({ name: 'cluster TEST' }))).toEqual({
      ok: false,
      error: { code: 'partners.error.duplicateName' },
    });
    expect(await createPartner(db, admin, aPartner({ name: 'Other', endedOn: '2019-01-01' }))).toEqual({
      ok: false,
      error: { code: 'partners.error.endedOn' },
    });
    const page = await getPartnerPage(db, viewer, created.value.id, TODAY);
    expect(page?.partner).toMatchObject({ name: 'Cluster Test', sdgs: [7, 13], active: true });
    expect(page?.partner.roles).toEqual([{ role: 'administrator', detail: 'conseil de surveillance' }]);

    // Edited with the history of each change; a stale version is refused.
    const edited = await editPartner(db, pilot, created.value.id, 1, aPartner({ sdgs: [7], endedOn: '2025-06-30' }));
    expect(edited).toEqual({ ok: true, value: { version: 2, changed: 2 } });
    expect(await editPartner(db, pilot, created.value.id, 1, aPartner())).toEqual({
      ok: false,
      error: { code: 'partners.error.stale' },
    });
    const history = (await getPartnerPage(db, admin, created.value.id, TODAY))?.history ?? [];
    expect(history.filter((h) => h.operation === 'update').map((h) => h.field)).toEqual(
      expect.arrayContaining(['ended_on', 'sdgs']),
    );

    // Only the officer deletes.
    expect(await deletePartner(db, pilot, created.value.id)).toEqual({
      ok: false,
      error: { code: 'partners.error.forbidden' },
    });
    expect(await deletePartner(db, admin, created.value.id)).toEqual({ ok: true, value: null });
    expect(await getPartnerPage(db, admin, created.value.id, TODAY)).toBeUndefined();
  });

  test('an agreement keeps a PDF checked by its bytes; another file type is refused', async () => {
    const { db } = get();
    const created = await createPartner(db, admin, aPartner({ name: 'Agreement partner' }));
    if (!created.ok) throw new Error(created.error.code);
    const input = {
      title: 'Accord-cadre',
      kind: 'framework' as const,
      signedOn: '2024-01-10',
      startsOn: '2024-02-01',
      endsOn: '2026-12-31',
      renewalNoticeDays: 90,
    };
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    const refused = await addAgreement(db, pilot, created.value.id, input, {
      file: { filename: 'x.pdf', bytes: html },
      maxMb: 1,
    });
    expect(refused.ok).toBe(false);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    expect(
      await addAgreement(db, pilot, created.value.id, input, { file: { filename: 'a.png', bytes: png }, maxMb: 1 }),
    ).toEqual({ ok: false, error: { code: 'partners.agreement.error.file' } });
    expect(await addAgreement(db, viewer, created.value.id, input, { maxMb: 1 })).toEqual({
      ok: false,
      error: { code: 'partners.error.forbidden' },
    });
    const added = await addAgreement(db, pilot, created.value.id, input, {
      file: { filename: 'convention signée.pdf', bytes: PDF },
      maxMb: 1,
    });
    if (!added.ok) throw new Error(added.error.code);
    const page = await getPartnerPage(db, viewer, created.value.id, TODAY);
    expect(page?.agreements).toEqual([
      expect.objectContaining({ title: 'Accord-cadre', status: 'ending_soon', reminderOn: '2026-10-02' }),
    ]);
    const file = await getAgreementFile(db, viewer, added.value.id);
    expect(file?.contentType).toBe('application/pdf');
    expect(Buffer.from(file?.bytes ?? []).equals(Buffer.from(PDF))).toBe(true);
  });

  test('contacts are shown to the officer, the committee and pilots, never to a viewer nor in a pilot export', async () => {
    const { db } = get();
    const created = await createPartner(db, admin, aPartner({ name: 'Contact partner' }));
    if (!created.ok) throw new Error(created.error.code);
    const contact = {
      name: 'Jeanne Martin',
      role: 'Directrice',
      email: 'jeanne@example.org',
      phone: '+33 1 23 45 67 89',
    };
    expect((await addContact(db, viewer, created.value.id, contact)).ok).toBe(false);
    expect((await addContact(db, pilot, created.value.id, { ...contact, email: 'nope' })).ok).toBe(false);
    const added = await addContact(db, pilot, created.value.id, contact);
    if (!added.ok) throw new Error(added.error.code);
    expect((await getPartnerPage(db, committee, created.value.id, TODAY))?.contacts).toHaveLength(1);
    expect((await getPartnerPage(db, viewer, created.value.id, TODAY))?.contacts).toBeNull();
    expect((await deleteContact(db, viewer, added.value.id)).ok).toBe(false);

    const text = (f: { bytes: Uint8Array }) => new TextDecoder().decode(f.bytes);
    const forAdmin = await exportPartners(db, admin, 'csv', { locale: 'fr', today: TODAY });
    expect(text(forAdmin)).toContain('jeanne@example.org');
    expect(text(forAdmin)).toContain('Contacts');
    const forPilot = await exportPartners(db, pilot, 'csv', { locale: 'en', today: TODAY });
    expect(text(forPilot)).not.toContain('jeanne@example.org');
    expect(text(forPilot)).toContain('Contact partner');
    const xlsx = await exportPartners(db, viewer, 'xlsx', { locale: 'fr', today: TODAY });
    expect(xlsx.filename).toBe(`partenaires-${TODAY}.xlsx`);
  });

  test('an import is all-or-nothing, and a row naming a stored partner updates it', async () => {
    const { db } = get();
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('partner')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const bad = await importRecords(db, admin, PARTNERS_IMPORT, {
      filename: 'p.csv',
      bytes: csv('Nom;Type;Rôle;ODD\nNew One;Entreprise;Membre;9\nNew Two;Banana;Membre;9\n'),
      params: {},
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'import.records.error.rejectedRows' } });
    expect(await count()).toBe(before);

    const good = await importRecords(db, pilot, PARTNERS_IMPORT, {
      filename: 'p.csv',
      bytes: csv(
        'Nom,Type,Rôle,Début,ODD\nNew One,Entreprise,Membre,2024,9\ndERBI,pôle de compétitivité,"Administrateur (conseil de surveillance); Membre",,7;13\n',
      ),
      params: {},
    });
    expect(good).toMatchObject({ ok: true, value: { created: 1, updated: 1 } });
    const { partners } = await getPartnersListPage(db, admin, {}, TODAY);
    const derbi = partners.find((p) => p.name === 'dERBI');
    expect(derbi?.sdgs).toEqual([7, 13]);
    expect(derbi?.roles.map((r) => r.role)).toEqual(['member', 'administrator']);
    // The description is kept by an update.
    expect(derbi?.description).toContain('énergies renouvelables');
    expect(partners.find((p) => p.name === 'New One')).toMatchObject({ kind: 'company', startedOn: '2024-01-01' });
    expect(
      await importRecords(db, viewer, PARTNERS_IMPORT, {
        filename: 'p.csv',
        bytes: csv('Nom;Type\nX;Autre\n'),
        params: {},
      }),
    ).toMatchObject({ ok: false });
  });

  test('the list filters by kind, SDG, role and activity', async () => {
    const { db } = get();
    const filter = (f: Parameters<typeof getPartnersListPage>[2]) =>
      getPartnersListPage(db, viewer, f, TODAY).then((p) => p.partners.map((x) => x.name));
    expect(await filter({ sdg: 14 })).toEqual(['Pôle Mer Méditerranée']);
    expect(await filter({ role: 'committee_chair' })).toEqual(['Aqua-Valley']);
    expect(await filter({ kind: 'local_authority' })).toHaveLength(4);
    const created = await createPartner(
      db,
      admin,
      aPartner({ name: 'Ended', startedOn: '2010-01-01', endedOn: '2012-01-01' }),
    );
    if (!created.ok) throw new Error(created.error.code);
    expect(await filter({ active: 'no' })).toContain('Ended');
    expect(await filter({ active: 'yes' })).not.toContain('Ended');
  });

  test('the SDG page counts partnerships by SDG and kind, a partner once per SDG', async () => {
    const { db } = get();
    const page = await getSdgPartnersPage(db, viewer);
    const sdg7 = page.bySdg.find((s) => s.sdg === 7);
    expect(sdg7?.byKind.competitiveness_cluster).toBeGreaterThanOrEqual(4);
    expect(sdg7?.total).toBe(Object.values(sdg7?.byKind ?? {}).reduce((a, b) => a + b, 0));
    expect(page.byKind.find((k) => k.kind === 'local_authority')?.count).toBe(4);
    expect(page.kinds).toContain('competitiveness_cluster');
  });

  test('the indicator sources count partners and agreements active in the period', async () => {
    const { db } = get();
    const input = (sourceKey: string | null) => ({ institutionId: admin.institutionId, sourceKey, period: YEAR_2025 });
    const clusters = await PARTNERS_ACTIVE.compute(db, input('competitiveness_cluster'));
    const all = await PARTNERS_ACTIVE.compute(db, input(null));
    expect(clusters).toBe(9000);
    expect(all).toBeGreaterThan(clusters ?? 0);
    const agreements = await PARTNERS_AGREEMENTS_ACTIVE.compute(db, input(null));
    expect(agreements).toBeGreaterThanOrEqual(5000);
    // Another institution has no partner at all: no data rather than zero.
    expect(await PARTNERS_ACTIVE.compute(db, { ...input(null), institutionId: 'none' })).toBeNull();
    expect(await PARTNERS_AGREEMENTS_ACTIVE.compute(db, { ...input(null), institutionId: 'none' })).toBeNull();
  });
});
