import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { expect, test } from 'vitest';
import { detectPlanSource } from './detect-plan-kind';
import { readTabularFile, type TabularFile } from './file-reader';

const DEMO = join(process.cwd(), 'data/demo');

function read(bytes: Uint8Array): TabularFile {
  const result = readTabularFile(bytes);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

function xlsx(rows: (string | number)[][]): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Plan');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' });
}

test('the seed report is an SDG matrix', () => {
  expect(detectPlanSource(read(readFileSync(join(DEMO, 'imt-mines-ales-rapport-2022-odd17.txt'))))).toBe('sdg-matrix');
});

test('the seed plan TSV is a seed plan', () => {
  expect(detectPlanSource(read(readFileSync(join(DEMO, 'imt-mines-ales-plan-res-2023-2027.tsv'))))).toBe('seed-plan');
});

test('the seed header is recognised in a spreadsheet too, whatever its case', () => {
  expect(detectPlanSource(read(xlsx([['Plan RES'], ['CHANTIER', 'objectif', 'Cible 2030', 'Action']])))).toBe(
    'seed-plan',
  );
});

test('an SDG matrix in a spreadsheet is recognised', () => {
  const header = ['Actions', ...Array.from({ length: 17 }, (_, i) => i + 1)];
  expect(detectPlanSource(read(xlsx([header, ['Former', '', '', '', '●']])))).toBe('sdg-matrix');
});

test('any other table with a header row is tabular', () => {
  expect(
    detectPlanSource(
      read(
        xlsx([
          ['Action', 'Pilote', 'Budget'],
          ['Tri', 'SG', 1500],
        ]),
      ),
    ),
  ).toBe('tabular');
  expect(detectPlanSource(read(new TextEncoder().encode('Action;Pilote\nTri;SG\n')))).toBe('tabular');
});

test('plain prose and tables of bare numbers are unknown', () => {
  expect(detectPlanSource(read(new TextEncoder().encode('Bonjour.\nRien à importer ici.\n')))).toBe('unknown');
  expect(
    detectPlanSource(
      read(
        xlsx([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      ),
    ),
  ).toBe('unknown');
});
