import * as XLSX from '@e965/xlsx';
import { describe, expect, test } from 'vitest';
import { createDocument, section, table } from './document';
import { HOSTILE_FORMULA, HOSTILE_HTML, sampleReport } from './fixtures/sample-report';
import { renderXlsx, uniqueSheetName } from './render-xlsx';

function readBack(bytes: Uint8Array) {
  const workbook = XLSX.read(bytes, { type: 'array', cellFormula: true });
  const rows = (name: string) =>
    XLSX.utils.sheet_to_json<unknown[]>(workbook.Sheets[name], { header: 1, raw: true, defval: null });
  return { workbook, rows };
}

describe('XLSX report', () => {
  test('an About sheet comes first with the report facts and an index of the tables', () => {
    const { workbook, rows } = readBack(renderXlsx(sampleReport()));
    expect(workbook.SheetNames).toEqual(['À propos', 'Actions par statut', 'Avancement par chantier (donnée']);
    const about = rows('À propos');
    expect(about.slice(0, 7)).toEqual([
      ['Titre', 'Rapport développement durable 2026', null, null],
      ['Sous-titre', 'ODD 17 — Partenariats pour la réalisation des objectifs', null, null],
      ['Établissement', 'IMT Mines Alès', null, null],
      ['Année', 2026, null, null],
      ['Version', '2', null, null],
      ['Produit le', '26 novembre 2026', null, null],
      ['Licence', 'Licence Ouverte / Etalab 2.0', null, null],
    ]);
    expect(about).toContainEqual(['Feuille', 'Tableau', 'Section', 'Note']);
    expect(about).toContainEqual([
      'Avancement par chantier (donnée',
      'Avancement par chantier (données)',
      'Indicateurs',
      null,
    ]);
  });

  test('each table is a sheet with its headings first and numbers as numbers', () => {
    const { rows } = readBack(renderXlsx(sampleReport()));
    expect(rows('Actions par statut')).toEqual([
      ['Action', 'Statut', 'Avancement'],
      ['Mobilité douce', 'En bonne voie', 0.6],
      ['Achats responsables', 'Terminée', 1],
      [`'${HOSTILE_FORMULA}`, HOSTILE_HTML, null],
    ]);
    expect(rows('Avancement par chantier (donnée')[4]).toEqual(['Gestion environnementale', 0.78]);
  });

  test('no cell of any sheet is a formula', () => {
    const { workbook } = readBack(renderXlsx(sampleReport()));
    for (const name of workbook.SheetNames)
      for (const [address, cell] of Object.entries(workbook.Sheets[name])) {
        if (address.startsWith('!')) continue;
        expect((cell as XLSX.CellObject).f, `${name}!${address}`).toBeUndefined();
      }
  });

  test('sheet names are unique, at most 31 characters and free of forbidden characters', () => {
    const taken = new Set<string>();
    const caption = "'Émissions [2026]: scope 1/2 *estimées*? par site\\ et par mois'";
    const first = uniqueSheetName(caption, taken);
    const second = uniqueSheetName(caption, taken);
    expect(first).toBe('Émissions 2026 scope 1 2 estimé');
    expect(second).toBe('Émissions 2026 scope 1 2 es (2)');
    expect(uniqueSheetName('ÉMISSIONS 2026 SCOPE 1 2 ESTIMÉ', taken)).toBe('ÉMISSIONS 2026 SCOPE 1 2 ES (3)');
    expect(uniqueSheetName(':*?', taken)).toBe('Table');
  });

  test('a table captioned like the About sheet gets a sheet name of its own', () => {
    const doc = createDocument({
      lang: 'en',
      title: 'Empty',
      meta: { institution: 'X', year: 2026, version: 'draft', generatedAt: '2026-01-02T00:00:00Z' },
      sections: [section('a', 'A', [table({ caption: 'About', columns: [{ label: 'k' }], rows: [] })])],
    });
    const { workbook } = readBack(renderXlsx(doc));
    expect(workbook.SheetNames).toEqual(['About', 'About (2)']);
  });
});
