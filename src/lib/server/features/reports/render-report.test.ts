import { describe, expect, test } from 'vitest';
import { sampleReport } from './fixtures/sample-report';
import { REPORT_FORMATS, renderReport } from './render-report';

const MAGIC: Record<(typeof REPORT_FORMATS)[number], string> = {
  html: '<!doctype html>',
  pdf: '%PDF-',
  docx: 'PK',
  xlsx: 'PK',
};

describe('rendering a report in a chosen format', () => {
  test.each(REPORT_FORMATS)('%s gives the bytes of that format with its content type', async (format) => {
    const file = await renderReport(sampleReport(), format, { engine: 'pdfmake' });
    expect(Buffer.from(file.bytes.subarray(0, MAGIC[format].length)).toString('latin1')).toBe(MAGIC[format]);
    expect(file.extension).toBe(format);
    expect(file.contentType).toMatch(format === 'html' ? /^text\/html/ : /^application\//);
    expect(file.pdfEngine).toBe(format === 'pdf' ? 'pdfmake' : undefined);
  });
});
