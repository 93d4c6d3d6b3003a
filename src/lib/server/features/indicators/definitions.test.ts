import { describe, expect, test } from 'vitest';
import { type InferredDefinition, inferDefinition, type TargetInput } from './definitions';

const target = (label: string, value: number | null, unit: string | null): TargetInput => ({
  label,
  baselineValueMilli: null,
  targetValueMilli: value === null ? null : value * 1000,
  unit,
  deadline: '2027-12-31',
});

// Targets of the seed plan's objectives, as the import reads them.
const STAKEHOLDERS = [target('100% des parties prenantes sensibilisées', 100, '%')];
const STAFF = [target('100% du personnel formé', 100, '%')];
const COURSES = [target('50% des formations adressent la RES', 50, '%')];
const ENERGY = [
  target("Diminution de 20% de la consommation d'origine fossile", -20, '%'),
  target('Diminution de 5% par an de nos GES', -5, '%/an'),
];
const CAMPUS = [
  target('Diminution des surfaces étanches de 50%', -50, '%'),
  target("100% d'essences locales (végétation)", 100, '%'),
];
const PURCHASES = [
  target("Baisse de 50% de la consommation d'eau", -50, '%'),
  target('20% des fournitures sont réutilisées/ recyclées/ réparées', 20, '%'),
];
const WASTE = [target("Zéro déchets ménagers destinés à l'incinération/enfouissement", 0, null)];
const WELLBEING = [target('>75 % de satisfaction personnel et élèves', 75, '%')];
const DISCRIMINATION = [target('Zéro signalement de discrimination', 0, null)];
const RESEARCH = [target('3 ODD minimum pour chaque projet de recherche', 3, 'ODD')];

type Expected = Partial<InferredDefinition>;
const CASES: [string, string | null, TargetInput[], Expected][] = [
  [
    'Nb de politiques rédigées',
    'nombre',
    [target('100% des politiques identifiées et écrites', 100, '%')],
    { kind: 'number', unit: 'nombre', direction: 'increase', targetValueMilli: null },
  ],
  [
    'Autoévaluation 2023 / candidature à la labellisation en 2023',
    null,
    [],
    { kind: 'milestone', direction: 'milestone', targetDate: '2023-12-31' },
  ],
  [
    'Nb de personnes ayant participées (taux)',
    '%',
    STAKEHOLDERS,
    { kind: 'percentage', unit: '%', targetValueMilli: 100_000, targetDate: '2027-12-31' },
  ],
  [
    'Nb de personnes ayant participées',
    'nombre',
    STAKEHOLDERS,
    { kind: 'number', targetValueMilli: null, periodicity: 'year' },
  ],
  [
    'Evolution Des réponses au questionnaire sur les pratiques associé (utilisé pour établir le point zéro)',
    null,
    STAKEHOLDERS,
    { kind: 'text', direction: 'reach' },
  ],
  ['Budget levé', '€', [], { kind: 'number', unit: '€', direction: 'increase' }],
  ["Positionnement de l'école en 2023", null, [], { kind: 'text' }],
  [
    "Nombre d'enseignants formés par an",
    'nombre',
    STAFF,
    { kind: 'number', periodicity: 'academic_year', targetValueMilli: null },
  ],
  [
    'Nb de personnes ayant suivi la formation',
    'nombre',
    STAFF,
    { kind: 'number', unit: 'nombre', periodicity: 'year', targetValueMilli: null },
  ],
  [
    "% d'élèves ayant fait le lien entre cet enseignement et la RES",
    '%',
    COURSES,
    { kind: 'percentage', periodicity: 'academic_year', targetValueMilli: 50_000, targetDate: '2027-12-31' },
  ],
  ["Résultats de l'enquête CGE 2023 sur les diplômés 2022 / 2021", null, COURSES, { kind: 'text' }],
  ['Un publipostage à tous les partenaires avec questionnaire transmis', null, [], { kind: 'milestone' }],
  [
    "Création d'un indice DDRS des projets, basé sur l'Impact Score",
    null,
    [],
    { kind: 'milestone', targetDate: '2027-12-31' },
  ],
  ['Evolution de BC des labo', null, RESEARCH, { kind: 'number', unit: 'tCO2e', direction: 'decrease' }],
  ['Nombre de participants', 'nombre', RESEARCH, { kind: 'number', targetValueMilli: null }],
  [
    '% élèves ayant eu cet aide',
    '%',
    ENERGY,
    { kind: 'percentage', targetValueMilli: null, periodicity: 'academic_year' },
  ],
  ["Nb de visio/total à l'international", 'nombre', ENERGY, { kind: 'percentage', unit: '%', targetValueMilli: null }],
  [
    'Diminution du nombre de trajets en avion évités par rapport à une année de référence',
    null,
    ENERGY,
    { kind: 'number', unit: 'nombre', direction: 'increase' },
  ],
  ['Mission FIA démarrée', null, ENERGY, { kind: 'milestone', direction: 'milestone', targetDate: '2027-12-31' }],
  ["BC de l'établissement fait Objectif de diminution des GES fixé", null, ENERGY, { kind: 'milestone' }],
  [
    "Kwhef d'origine fossile économisés",
    'kWhef',
    ENERGY,
    { kind: 'number', unit: 'kWhef', direction: 'increase', targetValueMilli: null },
  ],
  [
    "Nb m2 de parking non étanche créé/nb m2 de parking Evaluation du taux d'EP réinjectées / EP raccordée réseau",
    'm²',
    CAMPUS,
    { kind: 'percentage', unit: '%', targetValueMilli: null },
  ],
  ['Surface non coupée / surface coupée', null, CAMPUS, { kind: 'percentage', targetValueMilli: null }],
  [
    'Taux de réutilisation ou de recyclage dans les produits achetés',
    '%',
    PURCHASES,
    { kind: 'percentage', targetValueMilli: 20_000 },
  ],
  [
    'Kg de compost produit/an',
    'kg/an',
    WASTE,
    { kind: 'number', unit: 'kg/an', direction: 'increase', targetValueMilli: null },
  ],
  ['% de baisse/an', '%/an', WASTE, { kind: 'percentage', unit: '%/an', direction: 'increase' }],
  ['Respect du décret', null, WASTE, { kind: 'yes_no', direction: 'milestone', unit: null }],
  [
    "nb d'étudiants bénéficiaires",
    'nombre',
    WELLBEING,
    { kind: 'number', periodicity: 'academic_year', targetValueMilli: null },
  ],
  ['Taux satisfaction', '%', WELLBEING, { kind: 'percentage', targetValueMilli: 75_000, direction: 'increase' }],
  ['Nb de signalements', 'nombre', DISCRIMINATION, { kind: 'number', targetValueMilli: 0, direction: 'decrease' }],
  ['Culturelle réalisée', null, [], { kind: 'milestone' }],
  ['Conformité réglementaire (audit accessibilité)', null, [], { kind: 'yes_no' }],
];

describe('inferDefinition on the seed plan indicator texts', () => {
  test.each(CASES)('%s', (name, unit, targets, expected) => {
    expect(inferDefinition(name, unit, targets, 2027)).toMatchObject(expected);
  });

  test('a target in another unit, or a relative change, is never taken', () => {
    expect(inferDefinition('Nb de personnes formées', 'nombre', STAFF).targetValueMilli).toBeNull();
    expect(inferDefinition('% de consommation fossile', '%', ENERGY).targetValueMilli).toBeNull();
  });

  test('two targets sharing as many words with the indicator give none', () => {
    const twins = [target('50% des élèves formés', 50, '%'), target('80% des élèves sensibilisés', 80, '%')];
    expect(inferDefinition('% des élèves', '%', twins).targetValueMilli).toBeNull();
  });
});
