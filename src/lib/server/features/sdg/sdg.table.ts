export interface SdgTable {
  number: number;
  title_fr: string;
  title_en: string;
  colour: string;
}

export interface PlanAxisTable {
  code: string;
  position: number;
  title_fr: string;
  title_en: string;
}

export interface SdgTables {
  sdg: SdgTable;
  plan_axis: PlanAxisTable;
}
