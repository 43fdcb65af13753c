// @ts-check

/**
 * Snapshots of each dataset's cache numbers, for trend charts. `resolution`
 * is `raw` (one row per snapshot) or `hour` (the average of an hour's raw rows,
 * written when they are compacted).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('fluid_dataset_history', table => {
    table.increments('id');
    table.string('cluster', 253).notNullable();
    table.string('namespace', 63).notNullable();
    table.string('name', 63).notNullable();
    table.string('resolution', 8).notNullable();
    // Milliseconds since the epoch, as a double so that both SQLite and
    // PostgreSQL hand back a JavaScript number.
    table.double('at_ms').notNullable();
    table.string('status', 16).notNullable();
    table.double('cached_bytes').nullable();
    table.double('capacity_bytes').nullable();
    table.double('cached_fraction').nullable();
    table.double('hit_ratio').nullable();
    table.index(
      ['cluster', 'namespace', 'name', 'at_ms'],
      'fluid_dataset_history_lookup',
    );
    table.index(['resolution', 'at_ms'], 'fluid_dataset_history_compaction');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('fluid_dataset_history');
};
