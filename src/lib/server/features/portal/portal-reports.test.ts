import { beforeAll, expect, test } from 'vitest';
import { newId, nowIso } from '../../db/ids';
import { sessionUserByEmail } from '../../testing/accounts';
import { describeEachDialect } from '../../testing/databases';
import type { SessionUser } from '../auth';
import { loadDemoIfEmpty } from '../demo';
import { sampleReport } from '../reports/fixtures/sample-report';
import { DEFAULT_LICENCE } from './portal';
import { getPublicReports, renderPublicReport } from './portal-pages.service';
import { updatePortalSettings } from './portal-settings.service';

describeEachDialect('public portal reports', (get) => {
  let admin: SessionUser;
  let slug: string;
  const publicId = newId();
  const privateId = newId();

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    admin = await sessionUserByEmail(db, 'responsable.ddrs@demo.trajectoire.test');
    slug = (
      await db.selectFrom('institution').select('slug').where('id', '=', admin.institutionId).executeTakeFirstOrThrow()
    ).slug;
    const reportId = newId();
    const now = nowIso();
    await db
      .insertInto('report')
      .values({
        id: reportId,
        institution_id: admin.institutionId,
        kind: 'annual',
        year: 2025,
        status: 'published',
        sdgs_json: '[17]',
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    const version = (id: string, number: number, isPublic: number, title: string) => ({
      id,
      report_id: reportId,
      institution_id: admin.institutionId,
      kind: 'annual',
      year: 2025,
      number,
      title,
      lang: 'fr',
      published_at: now,
      published_by: admin.id,
      document_json: JSON.stringify({ ...sampleReport(), title }),
      is_public: isPublic,
    });
    await db
      .insertInto('report_version')
      .values([version(publicId, 1, 1, 'Rapport public 2025'), version(privateId, 2, 0, 'Rapport retiré 2025')])
      .execute();
  });

  test('the reports section lists the public versions only, and renders them from the frozen document', async () => {
    const { db } = get();
    expect(await getPublicReports(db, slug)).toBeUndefined();
    await updatePortalSettings(db, admin, {
      enabled: true,
      sections: { plan: false, sdg: false, reports: true, fund: false, data: false },
      licenceName: DEFAULT_LICENCE.name,
      licenceUrl: DEFAULT_LICENCE.url,
      purposeText: '',
      contactUrl: '',
    });
    const page = await getPublicReports(db, slug);
    expect(page?.versions.map((v) => v.title)).toEqual(['Rapport public 2025']);
    const html = await renderPublicReport(db, slug, publicId, 'html');
    expect(new TextDecoder().decode(html?.bytes)).toContain('Rapport public 2025');
    expect(html?.filename).toBe(`${slug}-report-2025-v1.html`);
    const docx = await renderPublicReport(db, slug, publicId, 'docx');
    expect(new TextDecoder().decode(docx?.bytes.slice(0, 2))).toBe('PK');
    expect(await renderPublicReport(db, slug, privateId, 'html')).toBeUndefined();
    expect(await renderPublicReport(db, slug, 'no-such-version', 'html')).toBeUndefined();
  });
});
