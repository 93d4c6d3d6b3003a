/**
 * `npm run bench:travel-import [-- --rows N]` (default 1,000,000): generates a GES 1point5 travel file
 * (bench/travel-import/generate.ts), then, on SQLite (a fresh file) and on PostgreSQL (a fresh database, when
 * reachable), measures in a child process each (bench/travel-import/measure.ts, so that the peak RSS is that
 * measurement's alone):
 * - the import: commitTripImport as the demo admin (read, resolve, compute, store in one transaction);
 * - the bare baseline: the same file through the same reader, raw rows (11 text columns) inserted with the same
 *   batching, no resolution and no computation.
 * Prints rows/s, seconds, peak RSS, the import/baseline speed ratio and whether each goal is met: at least
 * 50,000 rows/s, under 1 GB, at least half the baseline's speed. The file's misspellings all resolve, so the
 * all-or-nothing commit accepts it; a variant with a few unresolvable places is only previewed, to report what
 * the resolver sends to review (its commit would be refused, which is the point of all-or-nothing).
 *
 * Last run, 2026-11-26, on a shared 2-core AMD EPYC VM (load average about 1.3), Node 20.20, better-sqlite3 12
 * (SQLite 3.53), PostgreSQL 15 on localhost, 1,000,000 legs in 500,165 missions (78 MB, 2.0 % misspelt places):
 *   sqlite:   import    39,211 rows/s | 25.5 s (CPU 25.7 s) | peak RSS   664 MB
 *             baseline 235,598 rows/s |  4.2 s (CPU  4.3 s) | peak RSS   687 MB
 *             goals: >= 50,000 rows/s NOT met; < 1024 MB met; import/baseline 0.17 NOT met
 *   postgres: import    25,190 rows/s | 39.7 s (CPU 20.8 s) | peak RSS 1,234 MB
 *             baseline 171,543 rows/s |  5.8 s (CPU  3.3 s) | peak RSS   964 MB
 *             goals: all three NOT met (import/baseline 0.15)
 *   review variant (preview only): 1,967 unresolvable place cells -> 1,966 rows rejected, 6 texts to review; 3.0 s
 * The import writes about 800 bytes per leg into two tables with six indexes where the baseline writes 80 into
 * one table without any: half the baseline's speed is out of reach by construction. See docs/architecture.md.
 */
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadPlaceIndex } from '../../src/lib/server/features/travel';
import { generateTravelFile } from './generate';
import type { Measurement } from './measure';

const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const GOAL_ROWS_PER_SECOND = 50_000;
const GOAL_PEAK_RSS_MB = 1024;
const GOAL_BASELINE_RATIO = 0.5;

function measure(task: string, url: string, file: string): Promise<Measurement> {
  const script = join(import.meta.dirname, 'measure.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, '--task', task, '--url', url, '--file', file], {
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
      if (code === 0 && last.startsWith('{')) done(JSON.parse(last) as Measurement);
      else reject(new Error(`${task} exited with ${code}: ${out}`));
    });
  });
}

/** A fresh database for one measurement, dropped afterwards. */
async function withFreshDatabase<T>(
  kind: 'sqlite' | 'postgres',
  fn: (url: string) => Promise<T>,
): Promise<T | undefined> {
  if (kind === 'sqlite') {
    const path = join(tmpdir(), `trajectoire-travel-bench-${Date.now()}.db`);
    try {
      return await fn(`file:${path}`);
    } finally {
      for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    }
  }
  const admin = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    return undefined;
  }
  const name = `trj_travel_bench_${Date.now()}`;
  await admin.query(`create database ${name}`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

const perSecond = (m: Measurement) => m.rows / m.seconds;
const yes = (ok: boolean) => (ok ? 'met' : 'NOT met');
const int = (n: number) => Math.round(n).toLocaleString('en-GB');

function line(label: string, m: Measurement): string {
  const details = Object.entries(m.detail)
    .map(([k, v]) => `${k} ${int(v)}`)
    .join(', ');
  return (
    `  ${label.padEnd(9)} ${int(perSecond(m)).padStart(9)} rows/s | ${m.seconds.toFixed(1).padStart(6)} s ` +
    `(CPU ${m.cpuSeconds.toFixed(1)} s) | peak RSS ${int(m.peakRssMb).padStart(5)} MB | ${details}`
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' } } });
  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows < 1) throw new Error('--rows must be a positive integer');
  const index = await loadPlaceIndex();
  const t0 = performance.now();
  const file = generateTravelFile(index, rows);
  const variant = generateTravelFile(index, rows, { seed: 2, unresolvable: true });
  const path = join(tmpdir(), `trajectoire-travel-bench-${Date.now()}.tsv`);
  const variantPath = path.replace(/\.tsv$/, '-review.tsv');
  writeFileSync(path, file.bytes);
  writeFileSync(variantPath, variant.bytes);
  console.log(
    `file: ${int(file.legs)} legs in ${int(file.missions)} missions, ${(file.bytes.length / 1048576).toFixed(0)} MB, ` +
      `${file.cities} cities, ${int(file.misspeltCells)} misspelt place cells ` +
      `(${((100 * file.misspeltCells) / (2 * file.legs)).toFixed(1)} %, ${file.distinctMisspellings} distinct), ` +
      `generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  try {
    for (const kind of ['sqlite', 'postgres'] as const) {
      const imported = await withFreshDatabase(kind, (url) => measure('import', url, path));
      if (!imported) {
        console.log(`${kind}: unreachable, skipped`);
        continue;
      }
      const baseline = await withFreshDatabase(kind, (url) => measure('baseline', url, path));
      if (!baseline) continue;
      const ratio = perSecond(imported) / perSecond(baseline);
      console.log(`${kind}:`);
      console.log(line('import', imported));
      console.log(line('baseline', baseline));
      console.log(
        `  goals: >= ${int(GOAL_ROWS_PER_SECOND)} rows/s ${yes(perSecond(imported) >= GOAL_ROWS_PER_SECOND)}; ` +
          `peak RSS < ${GOAL_PEAK_RSS_MB} MB ${yes(imported.peakRssMb < GOAL_PEAK_RSS_MB)}; ` +
          `import/baseline ${ratio.toFixed(2)} (>= ${GOAL_BASELINE_RATIO}) ${yes(ratio >= GOAL_BASELINE_RATIO)}`,
      );
    }
    const review = await withFreshDatabase('sqlite', (url) => measure('review', url, variantPath));
    if (review) {
      console.log(
        `review variant (sqlite, preview only): ${int(variant.unresolvableCells)} unresolvable place cells -> ` +
          `${int(review.detail.rejected ?? 0)} rows rejected, ${int(review.detail.unresolvedTexts ?? 0)} texts to review; ` +
          `${review.seconds.toFixed(1)} s, peak RSS ${int(review.peakRssMb)} MB`,
      );
    }
  } finally {
    rmSync(path, { force: true });
    rmSync(variantPath, { force: true });
  }
}

await main();
