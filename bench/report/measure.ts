/**
 * One measurement of the report benchmark, run by bench/report/run.ts in a child process of its own so that the
 * peak RSS is this format's alone: builds the annual report of the database's first institution from live data,
 * renders it in one format, prints one JSON line. `--url`, `--year`, `--format html|pdf|docx|xlsx`.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../src/lib/server/db/connect';
import {
  buildAnnualReport,
  closePdfBrowser,
  REPORT_FORMATS,
  type ReportFormat,
  renderReport,
} from '../../src/lib/server/features/reports';

export interface ReportMeasurement {
  format: ReportFormat;
  buildSeconds: number;
  renderSeconds: number;
  bytes: number;
  chapters: number;
  pdfEngine: string | null;
  peakRssMb: number;
}

/** Peak resident set size of this process (VmHWM), in MB. */
function peakRssMb(): number {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM'));
  return line ? Number(line.replace(/\D+/g, '')) / 1024 : process.resourceUsage().maxRSS / 1024;
}

const { values } = parseArgs({
  options: { url: { type: 'string' }, year: { type: 'string' }, format: { type: 'string' } },
});
const format = REPORT_FORMATS.find((f) => f === values.format);
if (!values.url || !format) throw new Error('usage: measure.ts --url URL --year YEAR --format html|pdf|docx|xlsx');
const { db, close } = openDatabase(values.url);
try {
  const institution = await db.selectFrom('institution').select('id').orderBy('created_at').executeTakeFirstOrThrow();
  const t0 = performance.now();
  const doc = await buildAnnualReport(db, institution.id, Number(values.year ?? 2025), 'fr');
  if (!doc) throw new Error('no report');
  const t1 = performance.now();
  const file = await renderReport(doc, format);
  const t2 = performance.now();
  const result: ReportMeasurement = {
    format,
    buildSeconds: (t1 - t0) / 1000,
    renderSeconds: (t2 - t1) / 1000,
    bytes: file.bytes.byteLength,
    chapters: doc.sections.filter((s) => s.id.startsWith('sdg-')).length,
    pdfEngine: file.pdfEngine ?? null,
    peakRssMb: peakRssMb(),
  };
  console.log(JSON.stringify(result));
} finally {
  await closePdfBrowser();
  await close();
}
