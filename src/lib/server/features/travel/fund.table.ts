/** The institution's internal carbon price for one year, in integer cents per tonne CO2e. */
export interface CarbonPriceTable {
  institution_id: string;
  year: number;
  price_cents_per_tonne: number;
  updated_at: string;
  updated_by: string | null;
}

/**
 * A line of the compensation fund's ledger other than the trips' contributions
 * (which are read from `trip_leg.contribution_cents`): another income, or a
 * disbursement to a project.
 */
export interface FundEntryTable {
  id: string;
  institution_id: string;
  /** income | disbursement */
  kind: string;
  /** ISO date (YYYY-MM-DD). */
  entry_date: string;
  /** Always positive; the kind gives the sign. */
  amount_cents: number;
  label: string;
  description: string | null;
  /** JSON array of SDG numbers (1–17) the project serves; null when none. */
  project_sdgs: string | null;
  created_at: string;
  created_by: string | null;
}

export interface FundTables {
  carbon_price: CarbonPriceTable;
  fund_entry: FundEntryTable;
}
