/** The JSON Schemas (OpenAPI 3.1 dialect) of the API's answers, one per shape of api.ts. */
import { API_ERROR_CODES } from './http';

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nullable = (type: string, extra: Record<string, unknown> = {}) => ({ type: [type, 'null'], ...extra });
const date = (description?: string) => nullable('string', { format: 'date', ...(description ? { description } : {}) });

const indicatorSummary = {
  type: 'object',
  required: ['id', 'name', 'unit', 'kind', 'direction', 'periodicity'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    unit: nullable('string'),
    kind: { type: 'string', enum: ['number', 'percentage', 'yes_no', 'milestone', 'text'] },
    direction: { type: 'string', enum: ['increase', 'decrease', 'reach', 'milestone'] },
    periodicity: { type: 'string', enum: ['year', 'academic_year', 'quarter', 'month'] },
  },
};

const action = {
  type: 'object',
  required: ['id', 'title', 'status', 'pilots', 'sdgs', 'axes', 'indicators', 'fte', 'budgetCents'],
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'string', enum: ['not_started', 'in_progress', 'done', 'suspended', 'cancelled'] },
    pilotText: { type: 'string', description: 'The pilot cell as written in the plan.' },
    pilots: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          kind: { type: 'string' },
          label: { type: 'string' },
          personId: nullable('string'),
          teamId: nullable('string'),
          unitId: nullable('string'),
        },
      },
    },
    sdgs: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 17 }, description: 'UN SDG numbers.' },
    axes: { type: 'array', items: { type: 'string' }, description: 'Codes of the DD&RS framework axes.' },
    indicators: { type: 'array', items: ref('IndicatorSummary') },
    startDate: date(),
    endDate: date(),
    fte: nullable('number', { description: 'Full-time equivalents, decimal.' }),
    budgetCents: nullable('integer', { description: 'Budget in euro cents.' }),
    description: nullable('string'),
  },
};

const target = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    label: { type: 'string' },
    baselineValue: nullable('number'),
    targetValue: nullable('number'),
    unit: nullable('string'),
    deadline: nullable('string'),
    qualitative: { type: 'boolean' },
    indicators: { type: 'array', items: ref('IndicatorSummary') },
  },
};

const planSummary = {
  type: 'object',
  required: ['id', 'title', 'kind', 'startYear', 'endYear', 'actionCount'],
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    kind: { type: 'string', enum: ['multi_year', 'yearly'] },
    startYear: nullable('integer'),
    endYear: nullable('integer'),
    actionCount: { type: 'integer' },
  },
};

const plan = {
  allOf: [
    ref('PlanSummary'),
    {
      type: 'object',
      required: ['means', 'workstreams'],
      properties: {
        means: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              label: { type: 'string' },
              fteRatio: nullable('number'),
              basis: nullable('string'),
              fte: nullable('number'),
            },
          },
        },
        workstreams: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              code: nullable('string'),
              title: { type: 'string' },
              axis: nullable('string'),
              objectives: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    code: nullable('string'),
                    title: { type: 'string' },
                    indicators: { type: 'array', items: ref('IndicatorSummary') },
                    targets: { type: 'array', items: ref('Target') },
                    actions: { type: 'array', items: ref('Action') },
                  },
                },
              },
              actions: { type: 'array', items: ref('Action'), description: 'Actions outside any objective.' },
            },
          },
        },
      },
    },
  ],
};

const actionDetail = {
  allOf: [
    ref('Action'),
    {
      type: 'object',
      properties: {
        plan: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' } } },
        workstream: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' } } },
        objective: {
          type: ['object', 'null'],
          properties: { id: { type: 'string' }, title: { type: 'string' } },
        },
        version: { type: 'integer' },
        updatedAt: { type: 'string', format: 'date-time' },
      },
    },
  ],
};

const indicator = {
  allOf: [
    ref('IndicatorSummary'),
    {
      type: 'object',
      properties: {
        planId: { type: 'string' },
        actionId: nullable('string'),
        objectiveId: nullable('string'),
        targetId: nullable('string'),
        baseline: { type: 'object', properties: { value: nullable('number'), date: date() } },
        target: { type: 'object', properties: { value: nullable('number'), date: date('Deadline.') } },
        responsiblePerson: {
          type: ['object', 'null'],
          properties: { id: { type: 'string' }, name: { type: 'string' } },
        },
        source: { type: 'string', description: '"manual", or the key of the module that computes the values.' },
        sourceKey: nullable('string'),
        version: { type: 'integer' },
      },
    },
  ],
};

const value = {
  type: 'object',
  required: ['period', 'version', 'current', 'value', 'valueText', 'unit', 'state', 'enteredBy', 'enteredAt'],
  properties: {
    period: { type: 'string', examples: ['2024', '2024-2025', '2024-Q1', '2024-03'] },
    periodStart: { type: 'string', format: 'date' },
    periodEnd: { type: 'string', format: 'date' },
    version: { type: 'integer', minimum: 1 },
    current: { type: 'boolean', description: 'True for the latest version of the period.' },
    value: nullable('number', { description: 'Decimal, in `unit`; null for text and yes/no indicators.' }),
    valueText: nullable('string'),
    unit: nullable('string'),
    state: { type: 'string', enum: ['draft', 'submitted', 'validated', 'returned'] },
    comment: nullable('string'),
    evidenceUrl: nullable('string'),
    hasEvidenceFile: { type: 'boolean' },
    enteredBy: { type: 'string' },
    enteredAt: { type: 'string', format: 'date-time' },
    reviewedBy: nullable('string'),
    reviewedAt: nullable('string', { format: 'date-time' }),
    returnReason: nullable('string'),
    changeReason: nullable('string', { description: 'Why this version corrected the previous one.' }),
    demo: { type: 'boolean', description: 'Demonstration data, not real figures.' },
  },
};

const valueList = {
  type: 'object',
  required: ['indicatorId', 'unit', 'history', 'values'],
  properties: {
    indicatorId: { type: 'string' },
    unit: nullable('string'),
    history: { type: 'boolean' },
    values: { type: 'array', items: ref('IndicatorValue') },
  },
};

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: [...API_ERROR_CODES] },
        message: { type: 'string', description: "Translated into the user's language (French or English)." },
        requestId: { type: 'string' },
      },
    },
  },
};

export const API_SCHEMAS = {
  PlanSummary: planSummary,
  Plan: plan,
  Target: target,
  Action: action,
  ActionDetail: actionDetail,
  IndicatorSummary: indicatorSummary,
  Indicator: indicator,
  IndicatorValue: value,
  IndicatorValueList: valueList,
  Error: errorSchema,
};
