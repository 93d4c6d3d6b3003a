/**
 * The demo's research: projects of IMT Mines Alès's teams (data/demo/research.json,
 * invented dates and funding marked `is_demo`) and a HAL-like export of
 * publications (data/demo/hal-publications.csv) whose 2020 and 2021 totals are
 * the report's figures. Team names are matched to the demo's org units, partner
 * names to the partner list; a partner not in it is kept as free text.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { newId, nowIso } from '../../db/ids';
import type { DB } from '../../db/schema';
import { HAL_COLUMNS, publicationOfRow, storePublications } from './hal-import';
import type { Publication } from './open-access';
import { insertProject, listPartnerOptions, replaceProjectPartners, replaceProjectSdgs } from './research.queries';

const DEMO_FILE = 'data/demo/research.json';

const demoSchema = z.object({
  publicationsFile: z.string(),
  projects: z.array(
    z.object({
      title: z.string(),
      acronym: z.string().nullable().optional(),
      team: z.string(),
      startDate: z.string().nullable(),
      endDate: z.string().nullable(),
      funder: z.string().nullable().optional(),
      programme: z.string().nullable().optional(),
      amountEuros: z.number().int().nonnegative().nullable().optional(),
      sdgs: z.array(z.number().int().min(1).max(17)),
      partners: z.array(z.string()),
      description: z.string().nullable().optional(),
      invented: z.boolean(),
    }),
  ),
});

const key = (text: string) => text.trim().toLocaleLowerCase('fr');

/** The demo's HAL export read with the import's own row rule (HAL field names only). */
export function readDemoPublications(csvText: string): Publication[] {
  const records = parse(csvText, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  return records.map((raw, i) => {
    const cells = Object.fromEntries(HAL_COLUMNS.map((c) => [c.key, (raw[c.headings[0] ?? ''] ?? '').trim()]));
    const outcome = publicationOfRow(cells, new Map());
    if (outcome.status !== 'valid') throw new Error(`demo publications, row ${i + 2}: ${JSON.stringify(outcome)}`);
    return outcome.record;
  });
}

/** Loads the demo's research projects and publications into an institution (the demo's own). */
export async function loadResearchDemo(db: Kysely<DB>, institutionId: string, root = process.cwd()): Promise<void> {
  const demo = demoSchema.parse(JSON.parse(readFileSync(resolve(root, DEMO_FILE), 'utf8')));
  const units = await db
    .selectFrom('org_unit')
    .select(['id', 'name', 'short_name', 'aliases'])
    .where('institution_id', '=', institutionId)
    .execute();
  const unitOf = new Map<string, string>();
  for (const u of units) {
    const aliases = JSON.parse(u.aliases) as string[];
    for (const name of [u.name, u.short_name, ...aliases]) if (name) unitOf.set(key(name), u.id);
  }
  const partnerOf = new Map((await listPartnerOptions(db, institutionId)).map((p) => [key(p.name), p.id]));
  const publications = readDemoPublications(readFileSync(resolve(root, 'data/demo', demo.publicationsFile), 'utf8'));
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    for (const p of demo.projects) {
      const id = newId();
      const unitId = unitOf.get(key(p.team)) ?? null;
      await insertProject(trx, {
        id,
        institution_id: institutionId,
        title: p.title,
        acronym: p.acronym ?? null,
        team_unit_id: unitId,
        team_text: unitId ? null : p.team,
        lead_person_id: null,
        start_date: p.startDate,
        end_date: p.endDate,
        funder: p.funder ?? null,
        programme: p.programme ?? null,
        amount_cents: p.amountEuros == null ? null : p.amountEuros * 100,
        description: p.description ?? null,
        is_demo: p.invented ? 1 : 0,
        version: 1,
        created_by: null,
        created_at: now,
        updated_at: now,
      });
      await replaceProjectSdgs(trx, id, p.sdgs);
      const partners = p.partners.map((name) => {
        const partnerId = partnerOf.get(key(name));
        return partnerId ? { partnerId } : { name };
      });
      const seen = new Set<string>();
      await replaceProjectPartners(
        trx,
        id,
        partners.filter((x) => !x.partnerId || (!seen.has(x.partnerId) && seen.add(x.partnerId))),
        newId,
      );
    }
    await storePublications(trx, institutionId, publications);
  });
}
