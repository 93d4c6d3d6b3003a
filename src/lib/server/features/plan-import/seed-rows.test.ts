import * as XLSX from '@e965/xlsx';
import { expect, test } from 'vitest';
import { previewPlanFile } from './plan-preview';

test('a workbook in the seed layout keeps line breaks inside cells: two targets on two lines stay two targets', () => {
  const rows = [
    ['Plan climat 2025/2030'],
    ['Chantier', 'Objectif', 'Cible 2030', "Nom de l'action", 'Pilote/équipe', 'Indicateurs de suivi'],
    [
      'Chantier 1 : Climat',
      'Objectif 1 : Énergie',
      'Diminution de 20% de la consommation fossile\nDiminution de 5% par an de nos GES',
      'Remplacer les chaudières\nau fioul',
      'Bazin I.',
      'Kwhef économisés',
    ],
  ];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Plan');
  const bytes = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  const result = previewPlanFile(bytes, 'plan.xlsx');
  if (!result.ok) throw new Error(result.error.code);
  const objective = result.value.plan.workstreams[0].objectives[0];
  expect(objective.targets.map((t) => t.targetValue)).toEqual([-20, -5]);
  expect(objective.actions).toHaveLength(1);
  expect(result.value.preview.counts.actions).toBe(1);
});
