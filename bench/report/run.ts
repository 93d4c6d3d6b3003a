/**
 * `npm run bench:report`: the full annual report (every SDG the plan's actions carry) of the demo institution
 * and of the large generated institution (bench/dashboard/generate.ts: 20 plans, 2,000 actions, 200,000 values),
 * both in SQLite, built from live data and rendered in each format, each in a child process of its own: build
 * and render seconds, file size and peak RSS. Goals for the demo: HTML < 1 s, DOCX < 5 s, PDF < 10 s (build +
 * render). Prints figures, asserts nothing; run on an idle machine.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { loadDemoIfEmpty } from '../../src/lib/server/features/demo';
import { REPORT_FORMATS, type ReportFormat } from '../../src/lib/server/features/reports';
import { syncReferenceData } from '../../src/lib/server/features/sdg';
import { generate } from '../dashboard/generate';
import type { ReportMeasurement } from './measure';

const YEAR = process.env.BENCH_YEAR ?? '2025';
const GOALS_SECONDS: Partial<Record<ReportFormat, number>> = { html: 1, docx: 5, pdf: 10 };

function measure(url: string, format: ReportFormat): Promise<ReportMeasurement> {
  const script = join(import.meta.dirname, 'measure.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, '--url', url, '--year', YEAR, '--format', format], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
  });
  return new Promise((done, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) done(JSON.parse(last) as ReportMeasurement);
      else reject(new Error(`${format} exited with ${code}: ${out}`));
    });
  });
}

async function prepareDemo(url: string): Promise<void> {
  const { db, close } = openDatabase(url);
  try {
    await migrateToLatest(db);
    await syncReferenceData(db);
    await loadDemoIfEmpty(db, { password: 'bench-password-123' });
  } finally {
    await close();
  }
}

async function bench(label: string, prepare: (url: string) => Promise<unknown>, goals: boolean): Promise<void> {
  const path = join(tmpdir(), `trajectoire-report-bench-${label}-${Date.now()}.db`);
  const url = `file:${path}`;
  try {
    const t0 = performance.now();
    await prepare(url);
    console.log(`\n${label} (SQLite, prepared in ${((performance.now() - t0) / 1000).toFixed(1)} s), year ${YEAR}`);
    for (const format of REPORT_FORMATS) {
      const m = await measure(url, format);
      const total = m.buildSeconds + m.renderSeconds;
      const goal = goals ? GOALS_SECONDS[format] : undefined;
      const verdict =
        goal === undefined ? '' : total < goal ? `  (goal < ${goal} s: met)` : `  (goal < ${goal} s: MISSED)`;
      console.log(
        `  ${format.padEnd(5)} build ${m.buildSeconds.toFixed(2)} s + render ${m.renderSeconds.toFixed(2)} s = ` +
          `${total.toFixed(2)} s, ${(m.bytes / 1024).toFixed(0)} KiB, ${m.chapters} chapters, ` +
          `peak RSS ${m.peakRssMb.toFixed(0)} MB${m.pdfEngine ? `, engine ${m.pdfEngine}` : ''}${verdict}`,
      );
    }
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  }
}

await bench('demo institution', prepareDemo, true);
await bench('large institution', generate, false);
