/**
 * `npm run bench:travel-recompute [-- --legs N]`: fills a fresh SQLite file and a fresh PostgreSQL database
 * with one institution's trips (N legs, 1,000,000 by default, computed with GES 1point5 as declarations store
 * them, written with multi-row inserts), switches the institution to ADEME Base Empreinte 2025, then times
 * recomputeInstitutionTrips. Prints generation time, legs/s, seconds, and this process's CPU time and peak RSS
 * during the recomputation for each dialect (the PostgreSQL server's own CPU and memory are not counted; on a
 * machine shared with other work, CPU time against wall time shows how much the run waited). Asserts only that every
 * leg changed. Not part of `npm test`. `--keep` keeps both databases (and prints where) for a closer look.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/lib/server/db/connect';
import { newId, nowIso } from '../../src/lib/server/db/ids';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import type { DB } from '../../src/lib/server/db/schema';
import { syncReferenceData } from '../../src/lib/server/features/sdg';
import {
  CARBON_METHODS,
  computeLeg,
  contributionCents,
  recomputeInstitutionTrips,
  type TravelMode,
  trainFirstCheck,
} from '../../src/lib/server/features/travel';

const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const { values: args } = parseArgs({ options: { legs: { type: 'string' }, keep: { type: 'boolean' } } });
const LEGS = Number(args.legs ?? 1_000_000);
if (!Number.isSafeInteger(LEGS) || LEGS < 1) throw new Error('--legs must be a positive integer');

/** Legs per multi-row insert: 32 columns each, under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const LEG_ROWS_PER_INSERT = 1000;
/** Rows written per transaction while generating. */
const ROWS_PER_TRANSACTION = 50_000;
const PRICE_CENTS_PER_TONNE = 10_000;

/** Places of a French institution's travel: French cities, European and intercontinental destinations. */
const PLACES = [
  { lat: 44.1253, lon: 4.0857, country: 'FR' }, // Alès
  { lat: 48.8566, lon: 2.3522, country: 'FR' }, // Paris
  { lat: 45.764, lon: 4.8357, country: 'FR' }, // Lyon
  { lat: 43.6108, lon: 3.8767, country: 'FR' }, // Montpellier
  { lat: 43.2965, lon: 5.3698, country: 'FR' }, // Marseille
  { lat: 44.8378, lon: -0.5792, country: 'FR' }, // Bordeaux
  { lat: 48.5734, lon: 7.7521, country: 'FR' }, // Strasbourg
  { lat: 47.2184, lon: -1.5536, country: 'FR' }, // Nantes
  { lat: 50.6292, lon: 3.0573, country: 'FR' }, // Lille
  { lat: 43.6047, lon: 1.4442, country: 'FR' }, // Toulouse
  { lat: 51.5072, lon: -0.1276, country: 'GB' }, // London
  { lat: 52.52, lon: 13.405, country: 'DE' }, // Berlin
  { lat: 41.3874, lon: 2.1686, country: 'ES' }, // Barcelona
  { lat: 45.4642, lon: 9.19, country: 'IT' }, // Milan
  { lat: 50.8503, lon: 4.3517, country: 'BE' }, // Brussels
  { lat: 46.2044, lon: 6.1432, country: 'CH' }, // Geneva
  { lat: 40.7128, lon: -74.006, country: 'US' }, // New York
  { lat: 45.5019, lon: -73.5674, country: 'CA' }, // Montréal
  { lat: 35.6762, lon: 139.6503, country: 'JP' }, // Tokyo
  { lat: -23.5505, lon: -46.6333, country: 'BR' }, // São Paulo
] as const;
const MODES: readonly TravelMode[] = [
  'plane',
  'plane',
  'plane',
  'train_high_speed',
  'train_high_speed',
  'train_high_speed',
  'train_regional',
  'car_thermal',
  'car_electric',
  'coach',
];

/** A deterministic pseudo-random sequence (mulberry32), so every run generates the same legs. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A memory figure of this process from /proc (Linux): VmHWM is the peak RSS, VmRSS the current one. */
function statusMb(field: 'VmHWM' | 'VmRSS'): number {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(field));
  return line ? Number(line.replace(/\D+/g, '')) / 1024 : Number.NaN;
}

/** Resets the kernel's peak RSS counter (Linux), so the figure covers the recomputation only. */
function resetPeakRss(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Without it the peak includes the generation: still an upper bound.
  }
}

async function insertRows<T extends 'trip' | 'trip_leg'>(db: Kysely<DB>, table: T, rows: unknown[]) {
  for (let i = 0; i < rows.length; i += LEG_ROWS_PER_INSERT) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + LEG_ROWS_PER_INSERT) as never)
      .execute();
  }
}

/** One institution with LEGS legs in trips of one to three legs, computed with GES 1point5 and contrails. */
async function generate(db: Kysely<DB>): Promise<string> {
  await migrateToLatest(db);
  await syncReferenceData(db);
  const institutionId = newId();
  const now = nowIso();
  await db
    .insertInto('institution')
    .values({
      id: institutionId,
      slug: 'bench',
      name: 'Université de banc d’essai',
      purpose_statement: null,
      ambition: null,
      values_text: null,
      created_at: now,
    })
    .execute();
  const method = CARBON_METHODS.ges1point5;
  const next = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  let written = 0;
  while (written < LEGS) {
    const trips: unknown[] = [];
    const legs: unknown[] = [];
    while (legs.length < ROWS_PER_TRANSACTION && written + legs.length < LEGS) {
      const tripId = newId();
      const legCount = Math.min(1 + Math.floor(next() * 3), LEGS - written - legs.length);
      trips.push({
        id: tripId,
        institution_id: institutionId,
        mission_ref: null,
        purpose: 'Colloque',
        traveller_category: 'staff',
        unit_id: null,
        traveller_key: `bench-${Math.floor(next() * 2000)}`,
        declared_by: null,
        trip_date: `2025-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-15`,
        created_at: now,
        status: 'declared',
        justification: null,
      });
      for (let position = 0; position < legCount; position++) {
        const from = pick(PLACES);
        let to = pick(PLACES);
        while (to === from) to = pick(PLACES);
        const mode = pick(MODES);
        const roundTrip = next() < 0.7;
        const passengers = mode.startsWith('car') ? 1 + Math.floor(next() * 3) : 1;
        const leg = computeLeg({ from, to, mode, roundTrip, passengers, method, options: { contrails: true } });
        if (!leg.ok) throw new Error(leg.error.code);
        const l = leg.value;
        const train = trainFirstCheck(mode, l.greatCircleKm, from.country === 'FR' && to.country === 'FR');
        legs.push({
          id: newId(),
          trip_id: tripId,
          position,
          from_text: 'bench',
          from_name: 'bench',
          from_country: from.country,
          from_lat_micro: Math.round(from.lat * 1e6),
          from_lon_micro: Math.round(from.lon * 1e6),
          to_text: 'bench',
          to_name: 'bench',
          to_country: to.country,
          to_lat_micro: Math.round(to.lat * 1e6),
          to_lon_micro: Math.round(to.lon * 1e6),
          mode,
          cabin_class: null,
          round_trip: roundTrip ? 1 : 0,
          passengers,
          contrails: 1,
          method_key: l.methodKey,
          method_version: l.methodVersion,
          factor_key: l.factor.key,
          factor_value_milli: Math.round(l.factor.value * 1000),
          factor_unit: l.factor.unit,
          factor_source: l.factor.source,
          great_circle_m: Math.round(l.greatCircleKm * 1000),
          distance_m: Math.round(l.distanceKm * 1000),
          emissions_g: l.emissionsGrams,
          train_hours_milli: train.verdict === 'not_applicable' ? null : Math.round(train.trainHours * 1000),
          train_verdict: train.verdict,
          price_cents_per_tonne: PRICE_CENTS_PER_TONNE,
          contribution_cents: contributionCents(l.emissionsGrams, PRICE_CENTS_PER_TONNE / 100),
          steps_json: JSON.stringify(l.steps),
        });
      }
    }
    await db.transaction().execute(async (trx) => {
      await insertRows(trx, 'trip', trips);
      await insertRows(trx, 'trip_leg', legs);
    });
    written += legs.length;
  }
  return institutionId;
}

async function benchOn(label: string, database: Database): Promise<void> {
  const { db } = database;
  const t0 = performance.now();
  const institutionId = await generate(db);
  console.log(
    `${label}: generated ${LEGS.toLocaleString('en')} legs in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  // The switch itself, as the settings page stores it, without its recomputation: that is what is timed.
  await db
    .insertInto('travel_settings')
    .values({
      institution_id: institutionId,
      method_key: 'ademe-base-empreinte-2025',
      contrails: 1,
      train_justify_minutes: 240,
      train_flag_minutes: 360,
      name_travellers: 0,
      updated_at: nowIso(),
      updated_by: null,
    })
    .execute();
  resetPeakRss();
  const rssBefore = statusMb('VmRSS');
  const cpu = process.cpuUsage();
  const t1 = performance.now();
  const run = await recomputeInstitutionTrips(db, {
    institutionId,
    actor: { userId: null, label: 'bench' },
    reason: 'settings',
  });
  const seconds = (performance.now() - t1) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  if (run.legsChanged !== LEGS) throw new Error(`${run.legsChanged} legs changed, expected ${LEGS}`);
  console.log(
    `  recompute GES 1point5 -> ADEME: ${run.legsChanged.toLocaleString('en')} legs in ${seconds.toFixed(1)} s ` +
      `(${Math.round(run.legsChanged / seconds).toLocaleString('en')} legs/s) | ` +
      `emissions ${Math.round(run.emissionsBeforeG / 1e6).toLocaleString('en')} -> ` +
      `${Math.round(run.emissionsAfterG / 1e6).toLocaleString('en')} t | this process: ${cpuSeconds.toFixed(1)} s CPU, ` +
      `RSS ${rssBefore.toFixed(0)} MB before (left from generating), peak ${statusMb('VmHWM').toFixed(0)} MB`,
  );
}

async function main(): Promise<void> {
  const file = join(tmpdir(), `trajectoire-recompute-bench-${Date.now()}.db`);
  const sqlite = openDatabase(`file:${file}`);
  try {
    await benchOn('sqlite', sqlite);
  } finally {
    await sqlite.close();
    if (args.keep) console.log(`  kept file:${file}`);
    else for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
  }
  const admin = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    console.log('postgres: unreachable, skipped');
    return;
  }
  const name = `trj_recompute_bench_${Date.now()}`;
  await admin.query(`create database ${name}`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  const postgres = openDatabase(url.toString());
  try {
    await benchOn('postgres', postgres);
  } finally {
    await postgres.close();
    if (args.keep) console.log(`  kept ${url}`);
    else await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
