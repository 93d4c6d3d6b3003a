/**
 * The few words the renderers add around a document's content, in the
 * document's language (not the reader's: a French report stays French when an
 * English-speaking officer downloads it). Dates are formatted in UTC so that a
 * render does not depend on the server's time zone.
 */
import { dateTimeFormat } from '../../../intl';
import type { ReportDocument, ReportLang } from './document';

export interface RenderLabels {
  contents: string;
  chartData: string;
  institution: string;
  year: string;
  version: string;
  generatedAt: string;
  licence: string;
  about: string;
  title: string;
  subtitle: string;
  sheet: string;
  table: string;
  section: string;
  note: string;
  page: string;
  of: string;
  /** "Année : 2026" in French, "Year: 2026" in English. */
  colon: string;
}

export const RENDER_LABELS: Record<ReportLang, RenderLabels> = {
  fr: {
    contents: 'Sommaire',
    chartData: 'Données du graphique',
    institution: 'Établissement',
    year: 'Année',
    version: 'Version',
    generatedAt: 'Produit le',
    licence: 'Licence',
    about: 'À propos',
    title: 'Titre',
    subtitle: 'Sous-titre',
    sheet: 'Feuille',
    table: 'Tableau',
    section: 'Section',
    note: 'Note',
    page: 'Page',
    of: 'sur',
    colon: ' : ',
  },
  en: {
    contents: 'Contents',
    chartData: 'Chart data',
    institution: 'Institution',
    year: 'Year',
    version: 'Version',
    generatedAt: 'Produced on',
    licence: 'Licence',
    about: 'About',
    title: 'Title',
    subtitle: 'Subtitle',
    sheet: 'Sheet',
    table: 'Table',
    section: 'Section',
    note: 'Note',
    page: 'Page',
    of: 'of',
    colon: ': ',
  },
};

export const LOCALE_TAGS: Record<ReportLang, string> = { fr: 'fr-FR', en: 'en-GB' };

/** "26 novembre 2026" / "26 November 2026". */
export function formatGeneratedAt(doc: ReportDocument): string {
  const date = new Date(doc.meta.generatedAt);
  if (Number.isNaN(date.getTime())) return doc.meta.generatedAt;
  return dateTimeFormat(LOCALE_TAGS[doc.lang], { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** The cover's facts, in order: what every format prints under the title. */
export function metaLines(doc: ReportDocument): { label: string; value: string }[] {
  const l = RENDER_LABELS[doc.lang];
  return [
    { label: l.institution, value: doc.meta.institution },
    { label: l.year, value: String(doc.meta.year) },
    { label: l.version, value: doc.meta.version },
    { label: l.generatedAt, value: formatGeneratedAt(doc) },
    ...(doc.meta.licence ? [{ label: l.licence, value: doc.meta.licence }] : []),
  ];
}
