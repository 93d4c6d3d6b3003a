import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { type Locale, translate } from '../lib/i18n';
import { type Cli, CliError, type ExitCode } from './cli';
import { tripFootprint } from './trip-footprint';

const ROOT = process.cwd();
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
/** One process start under tsx: about two seconds. */
const SLOW = 30_000;

interface Run {
  code: ExitCode;
  stdout: string;
  stderr: string;
}

/** Runs the command in this process, answering a CliError as index.ts does (stderr, exit code). */
async function run(args: string[], locale: Locale = 'fr'): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const cli: Cli = {
    locale,
    t: (key, params) => translate(locale, key, params),
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  };
  let code: ExitCode;
  try {
    code = await tripFootprint(cli, args);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    err.push(cli.t(e.code, e.params));
    code = e.exitCode;
  }
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('trip-footprint', () => {
  test('Alès to Paris and back by plane, in JSON: corrected distance, integer grams, flight to justify', async () => {
    const { code, stdout, stderr } = await run([
      '--from',
      'Alès',
      '--to',
      'Paris',
      '--mode',
      'plane',
      '--round-trip',
      '--date',
      '2026-03-10',
      '--json',
    ]);
    expect([code, stderr]).toEqual([0, '']);
    const result = JSON.parse(stdout);
    expect(Object.keys(result).sort()).toEqual(
      [
        'from',
        'to',
        'distanceKm',
        'greatCircleKm',
        'factor',
        'emissionsGrams',
        'method',
        'methodVersion',
        'trainFirst',
        'contributionCents',
        'price',
        'steps',
      ].sort(),
    );
    expect(result.from).toMatchObject({ name: 'Alès', country: 'FR', status: 'resolved' });
    expect(result.to).toMatchObject({ name: 'Paris', country: 'FR' });
    // GES 1point5 adds 95 km to a flight's great-circle distance; the round trip doubles it.
    expect(result.distanceKm).toBeCloseTo(2 * (result.greatCircleKm + 95), 1);
    expect(Number.isInteger(result.emissionsGrams)).toBe(true);
    expect(result.emissionsGrams).toBe(Math.round(result.distanceKm * result.factor.value));
    expect(result.method).toBe('ges1point5');
    expect(result.trainFirst.verdict).toBe('justification_required');
    expect(result.price.source).not.toBeNull();
    expect(result.steps.map((s: { code: string }) => s.code)).toEqual([
      'travel.step.greatCircle',
      'travel.step.distanceRule',
      'travel.step.factor.pkm',
      'travel.step.roundTrip',
      'travel.step.result',
    ]);
  });

  test('ademe-2025 is the ADEME method, and --price and --no-contrails are applied', async () => {
    const args = ['--from', 'Alès', '--to', 'CDG', '--mode', 'plane', '--method', 'ademe-2025', '--price', '100'];
    const withContrails = JSON.parse((await run([...args, '--json'])).stdout);
    const without = JSON.parse((await run([...args, '--no-contrails', '--json'])).stdout);
    expect(withContrails.method).toBe('ademe-base-empreinte-2025');
    expect(withContrails.to).toMatchObject({ iata: 'CDG', kind: 'airport' });
    expect(withContrails.price).toEqual({ pricePerTonneEuros: 100, source: null });
    expect(without.emissionsGrams).toBeLessThan(withContrails.emissionsGrams);
    expect(without.steps.map((s: { code: string }) => s.code)).toContain('travel.step.contrailsExcluded');
  });

  test('the human output is in English under LANG=en, with the places, factor, verdict, contribution and steps', async () => {
    const { code, stdout } = await run(
      ['--from', 'Alès', '--to', 'CDG', '--mode', 'plane', '--round-trip', '--date', '2026-03-10', '--price', '100'],
      'en',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('From: Alès (France), lat. 44.1249');
    expect(stdout).toMatch(/To: .*Charles de Gaulle.*, code CDG \(France\)/);
    expect(stdout).toMatch(/Distance used: [\d,.]+ km \(plane: great-circle distance \+ 95 km, round trip\)/);
    expect(stdout).toMatch(/Emissions: [\d,]+\.\d kg CO2e per person \([\d,]+ g\)/);
    expect(stdout).toContain('Train first: The train takes less than 4 h: this flight must be justified.');
    expect(stdout).toContain('Internal price given by --price: €100/t.');
    expect(stdout).toContain('Calculation steps:');
    expect(stdout).toMatch(/ {2}5\. Emissions: .* gCO2e per person\./);
    expect(stdout).not.toMatch(/travel\.|cli\./);
  });

  test('a car shared by three is not checked against the train and shows the sharing step, in French', async () => {
    const { code, stdout } = await run([
      '--from',
      'Alès',
      '--to',
      'Montpellier',
      '--mode',
      'car_thermal',
      '--passengers',
      '3',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('Départ : Alès (France)');
    expect(stdout).toContain('Véhicule partagé à 3 personnes');
    expect(stdout).not.toContain("Train d'abord");
  });

  test('a place not recognised with confidence exits with 2 and lists its candidates', async () => {
    const ambiguous = await run(['--from', 'Valencia', '--to', 'Paris', '--mode', 'plane']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stdout).toBe('');
    expect(ambiguous.stderr).toContain("Le lieu « Valencia » n'est pas reconnu avec certitude");
    expect(ambiguous.stderr).toContain('  - Valencia (Espagne)');
    expect(ambiguous.stderr).toContain('  - Valencia (Venezuela)');

    const json = await run(['--from', 'Valencia', '--to', 'Paris', '--mode', 'plane', '--json'], 'en');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({
      error: { code: 'travel.estimate.placeNotResolved' },
      from: {
        status: 'review',
        candidates: expect.arrayContaining([{ name: 'Valencia', country: 'ES', countryName: 'Spain' }]),
      },
    });
  });

  test('an unknown mode or method, or a bad number, is a usage error that lists what is accepted', async () => {
    const mode = await run(['--from', 'Alès', '--to', 'Paris', '--mode', 'rocket']);
    expect(mode.code).toBe(64);
    expect(mode.stderr).toContain('Mode de déplacement inconnu : rocket.');
    expect(mode.stderr).toContain('plane, train_high_speed');
    const method = await run(['--from', 'Alès', '--to', 'Paris', '--mode', 'plane', '--method', 'x'], 'en');
    expect(method.stderr).toContain('Possible methods: ges1point5, ademe-2025');
    for (const bad of [
      ['--passengers', '0'],
      ['--passengers', 'two'],
      // A negative number is written --price=-5, or parseArgs takes it for an option.
      ['--price=-5'],
      ['--price', '12,34567'],
      ['--date', '2026-02-30'],
    ]) {
      const refused = await run(['--from', 'Alès', '--to', 'Paris', '--mode', 'car_thermal', ...bad]);
      expect(refused.code, bad.join(' ')).toBe(64);
      expect(refused.stderr).toContain(`l'option ${bad[0].split('=')[0]}`);
    }
    expect((await run(['--to', 'Paris', '--mode', 'plane'])).code).toBe(64);
  });

  test(
    'through npm run cli: help, and an unresolvable place exits non-zero with the reason on stderr',
    () => {
      const env = { ...process.env, LANG: 'en_GB.UTF-8', LC_ALL: '' };
      const help = spawnSync(TSX, ['src/cli/index.ts', 'trip-footprint', '--help'], {
        cwd: ROOT,
        encoding: 'utf8',
        env,
      });
      expect(help.status).toBe(0);
      expect(help.stdout).toContain('npm run cli -- trip-footprint');
      const refused = spawnSync(
        TSX,
        ['src/cli/index.ts', 'trip-footprint', '--from', 'Xqzwvk', '--to', 'Paris', '--mode', 'train_high_speed'],
        { cwd: ROOT, encoding: 'utf8', env },
      );
      expect(refused.status).toBe(2);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toContain('The place "Xqzwvk" is not recognised with certainty');
      expect(refused.stderr).toContain('No known place comes close');
    },
    SLOW,
  );
});
