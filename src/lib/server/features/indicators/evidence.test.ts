import { describe, expect, test } from 'vitest';
import { attachmentHeader, checkEvidenceFile, downloadName } from './evidence';
import { bytes, PDF, PNG, storedZip } from './test-files';

const accepted = (b: Uint8Array) => {
  const r = checkEvidenceFile(b, 1);
  return r.ok ? r.value.contentType : `refused ${r.ok ? '' : (r.error.params?.detected ?? r.error.code)}`;
};

describe('evidence files are judged by their bytes', () => {
  test('documents and images are accepted with the type their content shows', () => {
    expect(accepted(PDF)).toBe('application/pdf');
    expect(accepted(PNG)).toBe('image/png');
    expect(accepted(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(accepted(bytes('GIF89a', [1, 0, 1, 0]))).toBe('image/gif');
    expect(accepted(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
    expect(accepted(storedZip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' }]))).toBe(
      'application/vnd.oasis.opendocument.text',
    );
    expect(
      accepted(
        storedZip([
          { name: '[Content_Types].xml', data: '<Types/>' },
          { name: 'word/document.xml', data: '<w/>' },
        ]),
      ),
    ).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  test('CSV and plain UTF-8 text are accepted', () => {
    expect(accepted(bytes('année;valeur\n2024;12,5\n2025;13\n'))).toBe('text/csv; charset=utf-8');
    expect(accepted(bytes('Relevé du compteur : 1 234 kWh.'))).toBe('text/plain; charset=utf-8');
  });

  test('executables, markup, plain archives, macros and broken text are refused', () => {
    expect(accepted(bytes('MZ', [0x90, 0, 3, 0]))).toBe('refused EXE');
    expect(accepted(bytes('<!DOCTYPE html><html><script>alert(1)</script></html>'))).toBe('refused HTML');
    expect(accepted(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('refused HTML');
    expect(accepted(storedZip([{ name: 'notes.txt', data: 'hello' }]))).toBe('refused ZIP');
    expect(
      accepted(
        storedZip([
          { name: '[Content_Types].xml', data: '<Types/>' },
          { name: 'xl/workbook.xml', data: '<w/>' },
          { name: 'xl/vbaProject.bin', data: 'x' },
        ]),
      ),
    ).toBe('refused macro');
    expect(accepted(bytes([0x61, 0x62, 0xc3, 0x28]))).toBe('refused binary');
    expect(accepted(bytes('a', [0], 'b'))).toBe('refused binary');
  });

  test('an empty or oversized file is refused before its type is read', () => {
    expect(checkEvidenceFile(new Uint8Array(0), 1)).toMatchObject({
      ok: false,
      error: { code: 'indicators.evidence.empty' },
    });
    const big = new Uint8Array(1024 * 1024 + 1);
    big.set(PDF);
    expect(checkEvidenceFile(big, 1)).toMatchObject({
      ok: false,
      error: { code: 'indicators.evidence.tooLarge', params: { maxMb: 1 } },
    });
  });

  test('the downloaded name carries the real extension and survives any character', () => {
    expect(downloadName('relevé.pdf', 'png')).toBe('relevé.png');
    expect(attachmentHeader('relevé "final".png')).toBe(
      `attachment; filename="releve _final_.png"; filename*=UTF-8''relev%C3%A9%20%22final%22.png`,
    );
  });
});
