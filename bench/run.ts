/**
 * `npm run bench`: prints figures, asserts nothing. Measures the plan import (parse, preview, commit) and the
 * plan tree load on SQLite and, when reachable, PostgreSQL. Run on an idle machine; numbers vary with it.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../src/lib/server/db/connect';
import { newId, nowIso } from '../src/lib/server/db/ids';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { loadPlanTree } from '../src/lib/server/features/plan';
import { importPlanFile, previewPlanFile } from '../src/lib/server/features/plan-import';
import { parseSeedPlan } from '../src/lib/server/features/plan-import/seed-plan';
import { syncReferenceData } from '../src/lib/server/features/sdg';

const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function time<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

/** A synthetic plan: 8 workstreams x 10 objectives x N actions, with pilots, SDGs and indicators. */
function syntheticCsv(actionsPerObjective: number): Buffer {
  const lines = ['Chantier;Objectif;Cible;Action;Pilote;Indicateurs;ODD;Statut'];
  for (let w = 1; w <= 8; w++) {
    for (let o = 1; o <= 10; o++) {
      for (let a = 1; a <= actionsPerObjective; a++) {
        lines.push(
          [
            `Chantier ${w} : thème ${w}`,
            `Objectif ${o} : objectif ${w}.${o}`,
            '100% des actions réalisées',
            `Action ${w}.${o}.${a} pour réduire l'empreinte`,
            `Martin${a % 40} A. + Durand${a % 25} B.`,
            '"Nb de participants ; % de réalisation"',
            `${(a % 17) + 1}, ${((a + 5) % 17) + 1}`,
            a % 2 ? 'en cours' : 'à faire',
          ].join(';'),
        );
      }
    }
  }
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

async function withDatabase(kind: 'sqlite' | 'postgres', fn: (d: Database) => Promise<void>): Promise<void> {
  if (kind === 'sqlite') {
    const d = openDatabase(`file:${join(tmpdir(), `trajectoire-bench-${Date.now()}.db`)}`);
    try {
      await fn(d);
    } finally {
      await d.close();
    }
    return;
  }
  const name = `trj_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    console.log('postgres: unreachable, skipped');
    return;
  }
  await admin.query(`create database ${name}`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  const d = openDatabase(url.toString());
  try {
    await fn(d);
  } finally {
    await d.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  const seed = readFileSync('data/demo/imt-mines-ales-plan-res-2023-2027.tsv', 'utf8');
  const runs = 200;
  const parse = time(() => {
    for (let i = 0; i < runs; i++) parseSeedPlan(seed);
  });
  console.log(`seed plan parse: ${(parse.ms / runs).toFixed(2)} ms per parse (${runs} runs)`);

  const csv = syntheticCsv(25);
  const preview = time(() => previewPlanFile(csv, 'synthetic.csv'));
  if (!preview.value.ok) throw new Error(`synthetic preview refused: ${preview.value.error.code}`);
  const counts = preview.value.value.preview.counts;
  console.log(
    `synthetic CSV: ${(csv.byteLength / 1024).toFixed(0)} KB, ${counts.actions} actions, ${counts.indicators} indicators`,
  );
  console.log(`  preview (read + parse): ${preview.ms.toFixed(0)} ms`);

  for (const kind of ['sqlite', 'postgres'] as const) {
    await withDatabase(kind, async (d) => {
      await migrateToLatest(d.db);
      await syncReferenceData(d.db);
      const institutionId = newId();
      await d.db
        .insertInto('institution')
        .values({
          id: institutionId,
          slug: 'bench',
          name: 'Bench',
          purpose_statement: null,
          ambition: null,
          values_text: null,
          created_at: nowIso(),
        })
        .execute();
      const actor = { userId: null, label: 'bench' };
      const seedImport = await timeAsync(() =>
        importPlanFile(d.db, { institutionId, actor, bytes: Buffer.from(seed), filename: 'seed.tsv' }),
      );
      console.log(`${kind}: seed plan import (preview + commit, 49 actions): ${seedImport.ms.toFixed(0)} ms`);
      const big = await timeAsync(() =>
        importPlanFile(d.db, { institutionId, actor, bytes: csv, filename: 'synthetic.csv' }),
      );
      if (!big.value.ok) throw new Error(big.value.error.code);
      console.log(`${kind}: synthetic import (${counts.actions} actions): ${big.ms.toFixed(0)} ms`);
      const planId = big.value.value.planId;
      await loadPlanTree(d.db, institutionId, planId);
      const loads = 10;
      const tree = await timeAsync(async () => {
        for (let i = 0; i < loads; i++) await loadPlanTree(d.db, institutionId, planId);
      });
      console.log(`${kind}: plan tree load (${counts.actions} actions): ${(tree.ms / loads).toFixed(0)} ms`);
    });
  }
  const mem = process.memoryUsage();
  console.log(`memory: rss ${(mem.rss / 1048576).toFixed(0)} MB, heap used ${(mem.heapUsed / 1048576).toFixed(0)} MB`);
}

await main();
