import { beforeAll, expect, test } from 'vitest';
import { describeEachDialect } from '../../testing/databases';
import { loadDemoIfEmpty } from '../demo';
import { linkIndicatorsToSources } from './source-links';

const VIDEO = {
  actionIncludes: 'Remplacer les déplacements du personnel à l’étranger',
  indicatorIncludes: 'nb de visio',
  source: 'travel.videoInterviewShare',
  sourceKey: null,
};

describeEachDialect('linking seed indicators to modules', (get) => {
  let institutionId: string;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoIfEmpty(db, { password: 'demo-password-123' });
    institutionId = (await db.selectFrom('institution').select('id').executeTakeFirstOrThrow()).id;
  });

  test('a seed indicator named by its action and wording becomes computed by the module, with history', async () => {
    const { db } = get();
    const report = await linkIndicatorsToSources(
      db,
      institutionId,
      [VIDEO, { ...VIDEO, indicatorIncludes: 'no such wording' }, { ...VIDEO, source: 'no.such.source' }],
      { userId: null, label: 'demo' },
    );
    expect(report.linked.map((l) => [l.name, l.source])).toEqual([
      ["Nb de visio/total à l'international", 'travel.videoInterviewShare'],
    ]);
    expect(report.unmatched).toHaveLength(2);
    const row = await db
      .selectFrom('indicator')
      .select(['source', 'source_key'])
      .where('id', '=', report.linked[0]?.indicatorId ?? '')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ source: 'travel.videoInterviewShare', source_key: null });
    const audit = await db
      .selectFrom('audit_event')
      .select(['field', 'after_value'])
      .where('entity_id', '=', report.linked[0]?.indicatorId ?? '')
      .where('field', '=', 'source')
      .execute();
    expect(audit).toEqual([{ field: 'source', after_value: 'travel.videoInterviewShare' }]);
  });

  test('an indicator already computed, or holding values, is not taken again', async () => {
    const { db } = get();
    const again = await linkIndicatorsToSources(db, institutionId, [VIDEO], { userId: null, label: 'demo' });
    expect(again.linked).toEqual([]);
    const withValues = await db
      .selectFrom('indicator_value')
      .innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
      .innerJoin('action', 'action.id', 'indicator.action_id')
      .select(['action.title', 'indicator.name'])
      .executeTakeFirstOrThrow();
    const report = await linkIndicatorsToSources(
      db,
      institutionId,
      [
        {
          actionIncludes: withValues.title,
          indicatorIncludes: withValues.name,
          source: 'travel.emissions',
          sourceKey: null,
        },
      ],
      { userId: null, label: 'demo' },
    );
    expect(report.linked).toEqual([]);
  });

  test('a link whose indicator the plan lacks creates it under its action, or under the target it names', async () => {
    const { db } = get();
    const report = await linkIndicatorsToSources(
      db,
      institutionId,
      [
        {
          actionIncludes: 'Développer le signalement des publications scientifiques dans Hyper Article en Ligne',
          indicatorIncludes: 'taux de publications en texte integral',
          source: 'travel.emissions',
          sourceKey: null,
          create: { name: 'Taux de publications en texte intégral dans HAL', unit: '%', kind: 'percentage' },
        },
        {
          actionIncludes: '',
          indicatorIncludes: 'part des projets',
          source: 'travel.emissions',
          sourceKey: null,
          create: {
            name: 'Part des projets de recherche couvrant au moins 3 ODD',
            unit: '%',
            kind: 'percentage',
            targetIncludes: '3 ODD minimum pour chaque projet de recherche',
          },
        },
      ],
      { userId: null, label: 'demo' },
    );
    expect(report.unmatched).toEqual([]);
    expect(report.linked.map((l) => l.created)).toEqual([true, true]);
    const rows = await db
      .selectFrom('indicator')
      .leftJoin('action', 'action.id', 'indicator.action_id')
      .leftJoin('target', 'target.id', 'indicator.target_id')
      .select(['indicator.name', 'indicator.kind', 'indicator.source', 'action.title', 'target.label'])
      .where(
        'indicator.id',
        'in',
        report.linked.map((l) => l.indicatorId),
      )
      .orderBy('indicator.name')
      .execute();
    expect(rows.map((r) => [r.name, r.kind, r.source, Boolean(r.title), Boolean(r.label)])).toEqual([
      ['Part des projets de recherche couvrant au moins 3 ODD', 'percentage', 'travel.emissions', false, true],
      ['Taux de publications en texte intégral dans HAL', 'percentage', 'travel.emissions', true, false],
    ]);
  });
});
