/**
 * One measurement of the travel import benchmark, run by bench/travel-import/run.ts in a child process of its
 * own so that the peak RSS is this measurement's alone. Prints one JSON line.
 *
 * `--task import`: the whole import through the service (commitTripImport as the demo admin: read, resolve,
 * compute, store, one transaction). `--task baseline`: the same file through the same reader, its raw rows
 * (11 text columns) inserted into a scratch table with the same batching, no resolution and no computation.
 * `--task review`: the preview of a file with unresolvable places (what the resolver sends to review).
 * Timing starts with the file's bytes in memory and the place index loaded (a running server has both).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type Kysely, sql } from 'kysely';
import { openDatabase } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { loadDemoIfEmpty } from '../../src/lib/server/features/demo';
import { syncReferenceData } from '../../src/lib/server/features/sdg';
import {
  commitTripImport,
  loadPlaceIndex,
  previewTripImport,
  readGes1point5Trips,
} from '../../src/lib/server/features/travel';
import { insertInBatches, rowsPerInsert } from '../../src/lib/server/features/travel/trips.queries';
import { sessionUserByEmail } from '../../src/lib/server/testing/accounts';

const ADMIN = 'responsable.ddrs@demo.trajectoire.test';
const RAW_COLUMNS = {
  mission: true,
  trip_date: true,
  from_city: true,
  from_country: true,
  to_city: true,
  to_country: true,
  mode: true,
  passengers: true,
  round_trip: true,
  purpose: true,
  status: true,
} as const;
type RawRow = Record<keyof typeof RAW_COLUMNS, string | null>;

export interface Measurement {
  task: string;
  rows: number;
  seconds: number;
  /** CPU time of this process (user + system): on a busy machine, steadier than the wall clock. */
  cpuSeconds: number;
  peakRssMb: number;
  detail: Record<string, number>;
}

/** Peak resident set size of this process (VmHWM), in MB. */
function peakRssMb(): number {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM'));
  return line ? Number(line.replace(/\D+/g, '')) / 1024 : process.resourceUsage().maxRSS / 1024;
}

/** The bare baseline: parse with the import's reader, insert the raw cells with the import's batched INSERTs, one transaction. */
async function insertRawRows(db: Kysely<any>, bytes: Uint8Array): Promise<number> {
  const read = readGes1point5Trips(bytes, 'bench.tsv');
  if (!read.ok) throw new Error(read.error.code);
  const batch = rowsPerInsert(db, Object.keys(RAW_COLUMNS).length);
  let rows = 0;
  await db.transaction().execute(async (trx) => {
    let values: RawRow[] = [];
    for (const row of read.rows) {
      const leg = row.leg;
      if (!leg) continue;
      values.push({
        mission: String(leg.mission),
        trip_date: leg.date,
        from_city: leg.fromCity,
        from_country: leg.fromCountry,
        to_city: leg.toCity,
        to_country: leg.toCountry,
        mode: leg.mode,
        passengers: String(leg.passengers),
        round_trip: leg.roundTrip ? 'OUI' : 'NON',
        purpose: leg.purpose,
        status: leg.status,
      });
      if (values.length === batch) {
        await insertInBatches(trx, 'bench_raw_leg', RAW_COLUMNS, values);
        rows += values.length;
        values = [];
      }
    }
    await insertInBatches(trx, 'bench_raw_leg', RAW_COLUMNS, values);
    rows += values.length;
  });
  return rows;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { task: { type: 'string' }, url: { type: 'string' }, file: { type: 'string' } },
  });
  const task = values.task ?? 'import';
  const bytes = readFileSync(values.file ?? '');
  const database = openDatabase(values.url ?? '');
  const { db } = database;
  try {
    await migrateToLatest(db);
    await syncReferenceData(db);
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    const admin = await sessionUserByEmail(db, ADMIN);
    await loadPlaceIndex();
    let schema = (db as Kysely<any>).schema.createTable('bench_raw_leg');
    for (const column of Object.keys(RAW_COLUMNS)) schema = schema.addColumn(column, 'text');
    await schema.execute();

    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let rows = 0;
    const detail: Record<string, number> = {};
    if (task === 'import') {
      const committed = await commitTripImport(db, admin, { bytes, filename: 'bench.tsv' });
      if (!committed.ok) throw new Error(`import refused: ${committed.error.code}`);
      rows = committed.value.counts.legs;
      detail.trips = committed.value.tripIds.length;
    } else if (task === 'baseline') {
      rows = await insertRawRows(db, bytes);
    } else {
      const preview = await previewTripImport(db, admin, { bytes, filename: 'bench-review.tsv' });
      if (!preview.ok) throw new Error(`preview refused: ${preview.error.code}`);
      rows = preview.value.rows.length;
      detail.rejected = preview.value.counts.rejected;
      detail.unresolvedTexts = preview.value.unresolved.length;
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    if (task === 'import') {
      const stored = await db
        .selectFrom('trip_leg')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      detail.storedLegs = Number(stored.n);
    } else if (task === 'baseline') {
      const stored = await sql<{ n: number }>`select count(*) as n from bench_raw_leg`.execute(db);
      detail.storedRows = Number(stored.rows[0]?.n);
    }
    const measurement: Measurement = { task, rows, seconds, cpuSeconds, peakRssMb: peakRssMb(), detail };
    console.log(JSON.stringify(measurement));
  } finally {
    await database.close();
  }
}

await main();
