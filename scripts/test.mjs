// `npm test`: every check, in order, with a plain "N passed, N failed" line at the end.
// Exits non-zero when anything fails. Stages: lint, types, unit+database (Vitest), build, HTTP+browser (Playwright).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const started = Date.now();
let passed = 0;
let failed = 0;
const problems = [];

function run(name, cmd, args, env = {}) {
  const t0 = Date.now();
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(
    `=== ${name}: ${r.status === 0 ? 'ok' : `FAILED (exit ${r.status})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  return r.status === 0;
}

function stage(name, cmd, args) {
  if (run(name, cmd, args)) passed += 1;
  else {
    failed += 1;
    problems.push(name);
  }
}

mkdirSync('test-results', { recursive: true });
stage('lint', 'npx', ['biome', 'ci', 'src', 'scripts', 'e2e', 'bench']);
stage('types', 'npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--threshold', 'error', '--output', 'human']);

// Vitest: unit and database tests (SQLite, and PostgreSQL when reachable; required when CI is set).
rmSync('test-results/vitest.json', { force: true });
const vitestOk = run('unit and database tests', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/vitest.json',
]);
if (existsSync('test-results/vitest.json')) {
  const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (report.numFailedTests) problems.push(`${report.numFailedTests} vitest test(s)`);
  if (!vitestOk && report.numFailedTests === 0) {
    failed += 1;
    problems.push('vitest run (suite error)');
  }
} else if (!vitestOk) {
  failed += 1;
  problems.push('vitest run');
}

const buildOk = run('build', 'npx', ['vite', 'build', '--logLevel', 'warn']);
if (!buildOk) {
  failed += 1;
  problems.push('build');
} else {
  rmSync('test-results/playwright.json', { force: true });
  const pwOk = run('HTTP and browser tests', 'npx', ['playwright', 'test'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/playwright.json',
  });
  if (existsSync('test-results/playwright.json')) {
    const report = JSON.parse(readFileSync('test-results/playwright.json', 'utf8'));
    const s = report.stats ?? {};
    passed += s.expected ?? 0;
    failed += (s.unexpected ?? 0) + (s.flaky ?? 0);
    if (s.unexpected) problems.push(`${s.unexpected} browser/HTTP test(s)`);
    if (!pwOk && !s.unexpected) {
      failed += 1;
      problems.push('playwright run (suite error)');
    }
  } else if (!pwOk) {
    failed += 1;
    problems.push('playwright run');
  }
}

const seconds = ((Date.now() - started) / 1000).toFixed(0);
if (problems.length) console.log(`\nFailed: ${problems.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed (${seconds} s)`);
process.exit(failed === 0 ? 0 : 1);
