import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, test } from 'vitest';
import { type ReadResult, readTabularFile, type TabularFile } from './file-reader';

const DEMO = join(process.cwd(), 'data/demo');
const utf8 = (text: string) => new TextEncoder().encode(text);

function value(result: ReadResult): TabularFile {
  if (!result.ok) throw new Error(`expected a readable file, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function errorOf(result: ReadResult) {
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

function workbook(bookType: XLSX.BookType, sheets: Record<string, XLSX.WorkSheet>): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const [name, ws] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, ws, name);
  return XLSX.write(wb, { type: 'buffer', bookType });
}

/** A minimal ZIP with stored entries; `declaredSize` lies about the uncompressed size, as a zip bomb would. */
function storedZip(entries: { name: string; data: string }[], declaredSize?: number): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const data = Buffer.from(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(declaredSize ?? data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('text files', () => {
  test('a UTF-8 CSV without BOM is read with its comma delimiter', () => {
    const file = value(readTabularFile(utf8('Titre,Pilote\nRéduire les déchets,Dupont J.\n')));
    expect(file).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',' });
    expect(file.sheets[0].rows).toEqual([
      ['Titre', 'Pilote'],
      ['Réduire les déchets', 'Dupont J.'],
    ]);
    expect(file.text).toContain('Réduire');
  });

  test('a UTF-8 BOM is detected and not left in the first cell', () => {
    const file = value(
      readTabularFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Titre;Pilote\nA;B\n')])),
    );
    expect(file).toMatchObject({ format: 'csv', encoding: 'utf-8-bom', delimiter: ';' });
    expect(file.sheets[0].rows[0]).toEqual(['Titre', 'Pilote']);
  });

  test('a Windows-1252 CSV with ";" keeps its accents, "œ" and "€"', () => {
    const bytes = Buffer.from('Action;Budget\nMettre en \x9cuvre l\x92été;100 \x80\n', 'latin1');
    const file = value(readTabularFile(bytes));
    expect(file).toMatchObject({ format: 'csv', encoding: 'windows-1252', delimiter: ';' });
    expect(file.sheets[0].rows[1]).toEqual(['Mettre en œuvre l’été', '100 €']);
  });

  test('a TSV is read with tabs even when its cells contain commas and semicolons', () => {
    const file = value(readTabularFile(utf8('Action\tPilote\nTri, compost; réemploi\tSG\n')));
    expect(file).toMatchObject({ format: 'tsv', delimiter: '\t' });
    expect(file.sheets[0].rows[1]).toEqual(['Tri, compost; réemploi', 'SG']);
  });

  test('blank lines stay as empty rows and CRLF line endings are normalised, so row numbers match the file', () => {
    const file = value(readTabularFile(utf8('a,b\r\n\r\nc,d\r\n')));
    expect(file.sheets[0].rows).toEqual([['a', 'b'], [''], ['c', 'd']]);
    expect(file.text).toBe('a,b\n\nc,d\n');
  });

  test('quoted cells keep their delimiters and an unbalanced quote does not break the file', () => {
    expect(value(readTabularFile(utf8('a,b\n"x, y",z\n'))).sheets[0].rows[1]).toEqual(['x, y', 'z']);
    const rows = value(readTabularFile(utf8('a;b\n"unclosed;z\nc;d\n'))).sheets[0].rows;
    expect(rows).toHaveLength(3);
    expect(rows[2]).toEqual(['c', 'd']);
  });

  test('a title line above the table does not defeat delimiter sniffing (seed plan)', () => {
    const file = value(readTabularFile(readFileSync(join(DEMO, 'imt-mines-ales-plan-res-2023-2027.tsv'))));
    expect(file).toMatchObject({ format: 'tsv', delimiter: '\t' });
    expect(file.sheets[0].rows[6].slice(0, 3)).toEqual(['Chantier', 'Objectif', 'Cible 2027']);
  });

  test('prose with commas is plain text, one line per row, with the text kept (seed report)', () => {
    const file = value(readTabularFile(readFileSync(join(DEMO, 'imt-mines-ales-rapport-2022-odd17.txt'))));
    expect(file).toMatchObject({ format: 'text', delimiter: null, encoding: 'utf-8' });
    expect(file.sheets).toEqual([{ name: 'text', rows: expect.any(Array) }]);
    expect(file.sheets[0].rows[63]).toEqual(["A.3. Plan d'action annuel"]);
    expect(file.text).toContain('Action\t1\t2\t3');
  });

  test('control characters are stripped but tabs and newlines are kept', () => {
    const file = value(readTabularFile(utf8('a\tb\u0007\nc\u001b\td\n')));
    expect(file.sheets[0].rows).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  test('a huge cell is truncated and reading goes on', () => {
    const rows = value(readTabularFile(utf8(`a,b\n${'x'.repeat(20_000)},next\n`))).sheets[0].rows;
    expect(rows[1][0]).toHaveLength(5_000);
    expect(rows[1][1]).toBe('next');
    expect(value(readTabularFile(utf8('a,b\nabcdef,g\n'), { maxCellChars: 3 })).sheets[0].rows[1]).toEqual([
      'abc',
      'g',
    ]);
  });

  test('more rows than allowed are refused', () => {
    const csv = utf8(Array.from({ length: 11 }, (_, i) => `${i},x`).join('\n'));
    expect(errorOf(readTabularFile(csv, { maxRows: 10 }))).toEqual({
      code: 'import.file.tooManyRows',
      params: { maxRows: 10 },
    });
    expect(readTabularFile(csv, { maxRows: 11 }).ok).toBe(true);
  });
});

describe('refusals', () => {
  test('an empty or blank file is refused as empty', () => {
    expect(errorOf(readTabularFile(new Uint8Array(0))).code).toBe('import.file.empty');
    expect(errorOf(readTabularFile(utf8(' \n\n'))).code).toBe('import.file.empty');
  });

  test('a file above 10 MiB is refused before anything is parsed', () => {
    expect(errorOf(readTabularFile(new Uint8Array(12 * 1024 * 1024).fill(0x61)))).toEqual({
      code: 'import.file.tooLarge',
      params: { maxMb: 10 },
    });
  });

  test.each([
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
    ['PDF', [...Buffer.from('%PDF-1.7\n')]],
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0]],
    ['gzip', [0x1f, 0x8b, 0x08, 0x00]],
    ['ELF', [0x7f, 0x45, 0x4c, 0x46, 0x02]],
  ])('a %s file is refused whatever its name', (detected, bytes) => {
    expect(errorOf(readTabularFile(new Uint8Array(bytes)))).toEqual({
      code: 'import.file.unsupportedType',
      params: { detected },
    });
  });

  test('text holding NUL bytes is refused as binary', () => {
    expect(errorOf(readTabularFile(utf8('a,b\n\u0000c,d\n'))).params).toEqual({ detected: 'binary' });
  });

  test('UTF-16 text is refused with a hint to save as UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\tb\n', 'utf16le')]);
    expect(errorOf(readTabularFile(bytes))).toEqual({
      code: 'import.file.unsupportedEncoding',
      params: { detected: 'UTF-16' },
    });
  });

  test('a ZIP that is not a spreadsheet (docx, odt, plain archive) is refused', () => {
    const docx = storedZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: '<w:document/>' },
    ]);
    const odt = storedZip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' }]);
    expect(errorOf(readTabularFile(docx)).params).toEqual({ detected: 'DOCX' });
    expect(errorOf(readTabularFile(odt)).params).toEqual({ detected: 'ODT' });
    expect(errorOf(readTabularFile(storedZip([{ name: 'notes.txt', data: 'hello' }]))).params).toEqual({
      detected: 'ZIP',
    });
  });

  test('a workbook whose declared uncompressed size is huge is refused before unzipping', () => {
    const bomb = storedZip(
      [
        { name: '[Content_Types].xml', data: '<Types/>' },
        { name: 'xl/worksheets/sheet1.xml', data: '<x/>' },
      ],
      200 * 1024 * 1024,
    );
    expect(errorOf(readTabularFile(bomb)).code).toBe('import.file.tooLargeUncompressed');
  });

  test('a truncated or corrupt workbook is unreadable, never a crash', () => {
    const xlsx = workbook('xlsx', { S: XLSX.utils.aoa_to_sheet([['a', 'b']]) });
    expect(errorOf(readTabularFile(xlsx.subarray(0, Math.floor(xlsx.length / 2)))).code).toBe('import.file.unreadable');
    const corrupt = storedZip([
      { name: '[Content_Types].xml', data: 'not xml at all' },
      { name: 'xl/workbook.xml', data: '\u0001\u0002garbage' },
    ]);
    expect(errorOf(readTabularFile(corrupt)).code).toBe('import.file.unreadable');
    const corruptOds = storedZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' },
      { name: 'content.xml', data: '<garbage' },
    ]);
    expect(errorOf(readTabularFile(corruptOds)).code).toBe('import.file.unreadable');
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 1, 2, 3]);
    expect(errorOf(readTabularFile(ole)).code).toBe('import.file.unreadable');
  });
});

describe('spreadsheets', () => {
  const plan = () =>
    XLSX.utils.aoa_to_sheet([
      ['Action', 'Pilote', 'Budget'],
      ['Tri des déchets', 'SG', 1500],
      ['Fresque du climat', '', 0.5],
    ]);

  test.each(['xlsx', 'ods', 'xls'] as const)('an %s workbook is read by content, every cell as text', (format) => {
    const file = value(
      readTabularFile(
        workbook(format === 'xls' ? 'biff8' : format, { Plan: plan(), Notes: XLSX.utils.aoa_to_sheet([['n']]) }),
      ),
    );
    expect(file).toMatchObject({ format, encoding: null, delimiter: null, text: null });
    expect(file.sheets.map((s) => s.name)).toEqual(['Plan', 'Notes']);
    expect(file.sheets[0].rows).toEqual([
      ['Action', 'Pilote', 'Budget'],
      ['Tri des déchets', 'SG', '1500'],
      ['Fresque du climat', '', '0.5'],
    ]);
  });

  test('formulas are never evaluated: cached values are read, a formula without one comes back as its text', () => {
    const ws = XLSX.utils.aoa_to_sheet([['cached', 'missing']]);
    ws.A2 = { t: 'n', f: '1+1', v: 2 };
    ws.B2 = { t: 'n', f: '1+1' };
    ws.A3 = { t: 's', f: 'HYPERLINK("https://example.org","lien")', v: 'lien' };
    ws.B3 = { t: 'n', f: 'HYPERLINK("https://example.org","lien")' };
    ws['!ref'] = 'A1:B3';
    const rows = value(readTabularFile(workbook('xlsx', { F: ws }))).sheets[0].rows;
    expect(rows[1]).toEqual(['2', '=1+1']);
    expect(rows[2]).toEqual(['lien', '=HYPERLINK("https://example.org","lien")']);
  });

  test('merged cells are left empty below their first cell', () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['Chantier 1', 'a'],
      ['', 'b'],
    ]);
    ws['!merges'] = [XLSX.utils.decode_range('A1:A2')];
    expect(value(readTabularFile(workbook('xlsx', { M: ws }))).sheets[0].rows).toEqual([
      ['Chantier 1', 'a'],
      ['', 'b'],
    ]);
  });

  test('a sheet with more rows than allowed is refused, and huge cells are truncated', () => {
    const rows = Array.from({ length: 20 }, (_, i) => [`row ${i}`]);
    expect(errorOf(readTabularFile(workbook('xlsx', { S: XLSX.utils.aoa_to_sheet(rows) }), { maxRows: 10 })).code).toBe(
      'import.file.tooManyRows',
    );
    const big = workbook('xlsx', { S: XLSX.utils.aoa_to_sheet([['x'.repeat(20_000), 'next']]) });
    expect(value(readTabularFile(big)).sheets[0].rows[0].map((c) => c.length)).toEqual([5_000, 4]);
  });

  test('a workbook with no filled cell is refused as empty', () => {
    expect(errorOf(readTabularFile(workbook('xlsx', { S: XLSX.utils.aoa_to_sheet([]) }))).code).toBe(
      'import.file.empty',
    );
  });
});

test('every code the reader emits has a French and an English message', () => {
  const codes = [
    'import.file.empty',
    'import.file.tooLarge',
    'import.file.tooLargeUncompressed',
    'import.file.unsupportedType',
    'import.file.unsupportedEncoding',
    'import.file.encrypted',
    'import.file.unreadable',
    'import.file.tooManyRows',
    'import.file.tooManyColumns',
  ];
  for (const locale of ['fr', 'en']) {
    const messages = JSON.parse(readFileSync(join(process.cwd(), 'messages', locale, 'import-file.json'), 'utf8'));
    for (const code of codes) expect(messages[code], `${locale}: ${code}`).toEqual(expect.any(String));
  }
});
