import { getConfig, isDemoAllowed } from './config';
import { type Database, openDatabase } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { countAdmins } from './features/auth';
import { DEMO_ACCOUNTS, loadDemoIfEmpty } from './features/demo';
import { syncReferenceData } from './features/sdg';
import { log } from './log';

let database: Database | undefined;

/** The process's one database handle (a pool on PostgreSQL). */
export function getDatabase(): Database {
  database ??= openDatabase(getConfig().DATABASE_URL);
  return database;
}

let ready: Promise<void> | undefined;

/** Migrates, syncs reference data and, on an empty database outside production, loads the demo. Runs once. */
export function prepareServer(origin: string): Promise<void> {
  ready ??= (async () => {
    const config = getConfig();
    const { db, label } = getDatabase();
    await migrateToLatest(db);
    await syncReferenceData(db);
    log('info', 'database ready', { database: label });
    if (isDemoAllowed(config)) {
      const loaded = await loadDemoIfEmpty(db, {
        password: config.TRAJECTOIRE_DEMO_PASSWORD,
        trips: true,
        people: true,
      });
      if (loaded) {
        const lines = DEMO_ACCOUNTS.map((a) => `    ${a.role.padEnd(12)} ${a.email}`);
        console.log(
          [
            '',
            `  Trajectoire is ready at ${origin}`,
            '  Demo institution loaded: IMT Mines Alès (plan RES 2023/2027, plan 2021-2022, trips of 2024-2025).',
            `  Demo accounts (password: ${config.TRAJECTOIRE_DEMO_PASSWORD}):`,
            ...lines,
            '',
          ].join('\n'),
        );
      } else {
        console.log(`\n  Trajectoire is ready at ${origin}\n`);
      }
    }
    if ((await countAdmins(db)) === 0) {
      console.log(
        [
          '',
          '  No administrator exists yet. Create one with:',
          '    npm run cli -- create-admin --email you@example.org --name "Your Name"',
          '',
        ].join('\n'),
      );
    }
  })();
  return ready;
}
