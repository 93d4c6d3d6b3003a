import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { type Actor, recordAudit } from '../audit';
import { enrichPlanIndicators } from '../indicators';
import {
  displayNameOf,
  listPersonRefs,
  listUnits,
  matchKey,
  matchPerson,
  matchUnit,
  type PersonRef,
  toUnitRefs,
  type UnitRef,
} from '../people';
import type { ImportMessage, ParsedAction, ParsedPilot, ParsedPlan } from './parsed-plan';

export interface PilotMatchStats {
  peopleMatched: number;
  peopleCreated: number;
  unitsMatched: number;
  unitsCreated: number;
  teamsMatched: number;
  teamsCreated: number;
}

interface Resolver {
  people: PersonRef[];
  units: UnitRef[];
  teams: { id: string; name: string }[];
  stats: PilotMatchStats;
  warnings: ImportMessage[];
}

async function resolvePilot(
  trx: Kysely<DB>,
  institutionId: string,
  r: Resolver,
  pilot: ParsedPilot,
  row: number,
): Promise<{ personId: string | null; teamId: string | null; unitId: string | null }> {
  if (pilot.kind === 'person') {
    const found = matchPerson(pilot, r.people);
    if (found) {
      r.stats.peopleMatched++;
      return { personId: found.id, teamId: null, unitId: null };
    }
    const id = newId();
    const person = {
      id,
      familyName: pilot.familyName ?? pilot.label,
      initials: pilot.initials ?? null,
      displayName: displayNameOf(pilot),
    };
    await trx
      .insertInto('person')
      .values({
        id,
        institution_id: institutionId,
        display_name: person.displayName,
        family_name: person.familyName,
        initials: person.initials,
        email: null,
        job_title: null,
        unit_id: null,
        created_at: nowIso(),
      })
      .execute();
    r.people.push(person);
    r.stats.peopleCreated++;
    return { personId: id, teamId: null, unitId: null };
  }
  if (pilot.kind === 'unit') {
    const found = matchUnit(pilot.label, r.units);
    if (found) {
      r.stats.unitsMatched++;
      return { personId: null, teamId: null, unitId: found.id };
    }
    const id = newId();
    await trx
      .insertInto('org_unit')
      .values({
        id,
        institution_id: institutionId,
        parent_id: null,
        kind: 'service',
        name: pilot.label,
        short_name: null,
        purpose: null,
        aliases: '[]',
        position: 1000,
      })
      .execute();
    r.units.push({ id, name: pilot.label, shortName: null, aliases: [] });
    r.stats.unitsCreated++;
    r.warnings.push({ code: 'import.plan.unitCreated', row, params: { unit: pilot.label } });
    return { personId: null, teamId: null, unitId: id };
  }
  if (pilot.kind === 'team') {
    const key = matchKey(pilot.label);
    const found = r.teams.find((t) => matchKey(t.name) === key);
    if (found) {
      r.stats.teamsMatched++;
      return { personId: null, teamId: found.id, unitId: null };
    }
    const id = newId();
    await trx
      .insertInto('team')
      .values({ id, institution_id: institutionId, name: pilot.label, unit_id: null })
      .execute();
    r.teams.push({ id, name: pilot.label });
    r.stats.teamsCreated++;
    return { personId: null, teamId: id, unitId: null };
  }
  // A group ("fresqueurs", "référents RES") is named, not linked: it has no members to edit on its behalf.
  return { personId: null, teamId: null, unitId: null };
}

/**
 * Writes a parsed plan inside the caller's transaction. The caller refuses
 * plans with rejected rows before calling; any failure here rolls everything back.
 */
export async function insertParsedPlan(
  trx: Kysely<DB>,
  input: { institutionId: string; actor: Actor; plan: ParsedPlan; sourceName: string },
): Promise<{ planId: string; stats: PilotMatchStats; warnings: ImportMessage[]; actionIds: Map<number, string> }> {
  const { institutionId, plan } = input;
  const now = nowIso();
  const planId = newId();
  const [units, people, teams] = await Promise.all([
    listUnits(trx, institutionId),
    listPersonRefs(trx, institutionId),
    trx.selectFrom('team').select(['id', 'name']).where('institution_id', '=', institutionId).execute(),
  ]);
  const resolver: Resolver = {
    people,
    units: toUnitRefs(units),
    teams,
    stats: { peopleMatched: 0, peopleCreated: 0, unitsMatched: 0, unitsCreated: 0, teamsMatched: 0, teamsCreated: 0 },
    warnings: [],
  };
  await trx
    .insertInto('plan')
    .values({
      id: planId,
      institution_id: institutionId,
      kind: plan.kind,
      title: plan.title,
      start_year: plan.startYear,
      end_year: plan.endYear,
      source_name: input.sourceName,
      created_at: now,
    })
    .execute();
  if (plan.means.length) {
    await trx
      .insertInto('plan_means')
      .values(
        plan.means.map((m, i) => ({
          id: newId(),
          plan_id: planId,
          position: i,
          label: m.label,
          fte_ratio_milli: m.fteRatioMilli,
          basis: m.basis,
        })),
      )
      .execute();
  }

  const actionIds = new Map<number, string>();
  let actionPosition = 0;
  let indicatorPosition = 0;
  const insertAction = async (a: ParsedAction, workstreamId: string, objectiveId: string | null) => {
    const id = newId();
    actionIds.set(a.row, id);
    await trx
      .insertInto('action')
      .values({
        id,
        plan_id: planId,
        workstream_id: workstreamId,
        objective_id: objectiveId,
        position: actionPosition++,
        title: a.title,
        pilot_text: a.pilotText,
        status: a.status ?? 'not_started',
        start_date: a.startDate,
        end_date: a.endDate,
        fte_milli: a.fteMilli,
        budget_cents: a.budgetCents,
        description: a.description,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    for (const [position, pilot] of a.pilots.entries()) {
      const link = await resolvePilot(trx, institutionId, resolver, pilot, a.row);
      await trx
        .insertInto('action_pilot')
        .values({
          id: newId(),
          action_id: id,
          position,
          kind: pilot.kind,
          label: pilot.label,
          person_id: link.personId,
          team_id: link.teamId,
          unit_id: link.unitId,
        })
        .execute();
    }
    const sdgs = [...new Set(a.sdgs)].filter((n) => n >= 1 && n <= 17);
    if (sdgs.length)
      await trx
        .insertInto('action_sdg')
        .values(sdgs.map((n) => ({ action_id: id, sdg_number: n })))
        .execute();
    const axes = [...new Set(a.axes)];
    if (axes.length)
      await trx
        .insertInto('action_axis')
        .values(axes.map((code) => ({ action_id: id, axis_code: code })))
        .execute();
    if (a.indicators.length) {
      await trx
        .insertInto('indicator')
        .values(
          a.indicators.map((ind) => ({
            id: newId(),
            plan_id: planId,
            action_id: id,
            objective_id: objectiveId,
            target_id: null,
            position: indicatorPosition++,
            name: ind.name,
            unit: ind.unit,
          })),
        )
        .execute();
    }
  };

  for (const [wi, w] of plan.workstreams.entries()) {
    const workstreamId = newId();
    await trx
      .insertInto('workstream')
      .values({ id: workstreamId, plan_id: planId, position: wi, code: w.code, title: w.title, axis_code: w.axis })
      .execute();
    for (const [oi, o] of w.objectives.entries()) {
      const objectiveId = newId();
      await trx
        .insertInto('objective')
        .values({ id: objectiveId, workstream_id: workstreamId, position: oi, code: o.code, title: o.title })
        .execute();
      if (o.targets.length) {
        await trx
          .insertInto('target')
          .values(
            o.targets.map((t, ti) => ({
              id: newId(),
              objective_id: objectiveId,
              position: ti,
              label: t.label,
              baseline_value_milli: t.baselineValue === null ? null : Math.round(t.baselineValue * 1000),
              target_value_milli: t.targetValue === null ? null : Math.round(t.targetValue * 1000),
              unit: t.unit,
              deadline: t.deadline,
              qualitative: t.qualitative ? 1 : 0,
            })),
          )
          .execute();
      }
      for (const a of o.actions) await insertAction(a, workstreamId, objectiveId);
    }
    for (const a of w.actions) await insertAction(a, workstreamId, null);
  }

  for (const review of plan.reviews) {
    const actionId = actionIds.get(review.row);
    if (!actionId) continue;
    await trx
      .insertInto('sdg_review')
      .values({
        id: newId(),
        plan_id: planId,
        action_id: actionId,
        source_row: review.row,
        raw_cells: JSON.stringify(review.rawCells),
        suggested_sdgs: JSON.stringify(review.suggestedSdgs),
        reason_code: review.reasonCode,
        status: 'open',
        resolved_by: null,
        resolved_at: null,
      })
      .execute();
  }

  await recordAudit(trx, {
    institutionId,
    actor: input.actor,
    entityType: 'plan',
    entityId: planId,
    operation: 'import',
    changes: [{ field: 'source', before: null, after: input.sourceName }],
  });
  await enrichPlanIndicators(trx, planId);
  return { planId, stats: resolver.stats, warnings: resolver.warnings, actionIds };
}
