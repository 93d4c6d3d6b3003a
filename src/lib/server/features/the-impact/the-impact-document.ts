/**
 * An edition's THE evidence as a report document (features/reports' model):
 * the readiness summary and the simulation first, then a section per
 * submitted SDG with its table of metrics and items. The same tables as the
 * workbook; the renderers of features/reports turn it into HTML, PDF, DOCX or XLSX.
 */
import type { Kysely } from 'kysely';
import { isLocale, type Locale, translate } from '../../../i18n';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../auth';
import { createDocument, paragraph, type ReportDocument, section, table } from '../reports';
import { simulationStart } from './readiness';
import { simulateOverall } from './simulator';
import { findInstitutionName } from './the-impact.queries';
import { readinessTable, sdgTable, simulatorTable } from './the-impact-export';
import { getEditionReadiness } from './views.service';

function tableOf(rows: string[][], caption: string) {
  const [head, ...body] = rows;
  return table({ caption, columns: head.map((label) => ({ label })), rows: body });
}

/** An edition as a document in the user's language (or `options.locale`); undefined when absent or not allowed. */
export async function buildTheImpactDocument(
  db: Kysely<DB>,
  user: SessionUser,
  edition: number,
  options: { locale?: Locale; generatedAt?: string } = {},
): Promise<ReportDocument | undefined> {
  const locale = options.locale ?? (isLocale(user.locale) ? user.locale : 'fr');
  const found = await getEditionReadiness(db, user, edition, locale);
  if (!found) return undefined;
  const { view, readiness } = found;
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const simulation = simulateOverall(readiness.sdgs.map((s) => ({ sdg: s.sdg, score: simulationStart(s) })));
  const institution = (await findInstitutionName(db, user.institutionId))?.name ?? '';
  const ed = String(edition);
  return createDocument({
    lang: locale,
    title: t('theImpact.export.title', { edition: ed }),
    meta: {
      institution,
      year: edition,
      version: 'draft',
      generatedAt: options.generatedAt ?? new Date().toISOString(),
    },
    sections: [
      section('readiness', t('theImpact.readiness.title'), [
        paragraph(
          t('theImpact.readiness.intro', {
            start: String(readiness.window.startYear),
            end: String(readiness.window.endYear),
          }),
        ),
        tableOf(readinessTable(view, readiness, locale), t('theImpact.export.readinessSheet')),
      ]),
      section('simulation', t('theImpact.simulator.title'), [
        paragraph(t('theImpact.simulator.intro')),
        paragraph(t('theImpact.simulator.indicative')),
        tableOf(simulatorTable(readiness, simulation, locale), t('theImpact.export.simulatorSheet')),
      ]),
      ...view.sdgs.map((s) =>
        section(`sdg-${s.number}`, t('theImpact.sdg.long', { number: String(s.number), title: s.title }), [
          tableOf(
            sdgTable(view, readiness, s.number, locale),
            t('theImpact.metrics.caption', { number: String(s.number) }),
          ),
        ]),
      ),
    ],
  });
}
