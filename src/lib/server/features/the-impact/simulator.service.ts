import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../auth';
import { simulationStart } from './readiness';
import { parseScoreText, type Simulation, simulateOverall } from './simulator';
import { getEditionReadiness } from './views.service';

export interface SimulatorRow {
  sdg: number;
  title: string;
  /** From the readiness check: points earned over possible, weighted by the metric weights. */
  estimate: number;
  /** What the form shows: the typed text, or the estimate when nothing was typed. */
  text: string;
  invalid: boolean;
}

export interface SimulatorPage {
  edition: number;
  rows: SimulatorRow[];
  /** Null while a typed score is invalid. */
  simulation: Simulation | null;
  usedEstimates: boolean;
}

/**
 * The simulator of an edition: one score per submitted SDG, typed (query
 * `sdg-N`) or estimated from the readiness check, and the overall result.
 */
export async function getSimulatorPage(
  db: Kysely<DB>,
  user: SessionUser,
  edition: number,
  locale: string,
  typed: Record<number, string | undefined>,
): Promise<SimulatorPage | undefined> {
  const found = await getEditionReadiness(db, user, edition, locale);
  if (!found) return undefined;
  const decimal = (n: number) => (locale === 'fr' ? String(n).replace('.', ',') : String(n));
  const usedEstimates = Object.values(typed).every((v) => v === undefined);
  const rows = found.view.sdgs.map((s): SimulatorRow => {
    const checked = found.readiness.sdgs.find((r) => r.sdg === s.number);
    const start = checked ? simulationStart(checked) : null;
    const estimate = checked?.estimatedScore ?? 0;
    const raw = typed[s.number];
    const text = raw === undefined ? (start === null ? '' : decimal(start)) : raw;
    return { sdg: s.number, title: s.title, estimate, text, invalid: Number.isNaN(parseScoreText(text) ?? 0) };
  });
  const simulation = rows.some((r) => r.invalid)
    ? null
    : simulateOverall(rows.map((r) => ({ sdg: r.sdg, score: parseScoreText(r.text) })));
  return { edition, rows, simulation, usedEstimates };
}
