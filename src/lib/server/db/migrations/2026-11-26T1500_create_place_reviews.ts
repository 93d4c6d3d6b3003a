import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Place texts the resolver could not settle, waiting for a person; once answered, the answer is
  // remembered for every later import, declaration and API call of the institution.
  await db.schema
    .createTable('place_review')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id').onDelete('cascade'))
    // The resolver's key: the normalised place name, and the ISO2 country it was restricted to ('' when none).
    .addColumn('memory_key', 'text', (c) => c.notNull())
    .addColumn('country_hint', 'text', (c) => c.notNull())
    // The text as first typed, and the country text typed beside it, for the reviewer.
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('country_text', 'text')
    .addColumn('candidates_json', 'text', (c) => c.notNull())
    .addColumn('occurrences', 'integer', (c) => c.notNull())
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    // open | answered
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answer_kind', 'text')
    .addColumn('answer_name', 'text')
    .addColumn('answer_country', 'text')
    .addColumn('answer_lat_micro', 'integer')
    .addColumn('answer_lon_micro', 'integer')
    .addColumn('answer_iata', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('answered_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
    .addUniqueConstraint('place_review_key_unique', ['institution_id', 'memory_key', 'country_hint'])
    .execute();
  await db.schema
    .createIndex('place_review_status_idx')
    .on('place_review')
    .columns(['institution_id', 'status'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('place_review').execute();
}
