/**
 * DDL of the `meta` schema (catalog, policies, extents, journal, request log) and the `t` schema that holds one
 * DuckDB table per Kusto table. No primary keys: DuckDB rejects delete-then-reinsert of a key inside one
 * transaction, and uniqueness is enforced by the single writer instead.
 */
export const META_DDL: readonly string[] = [
  `CREATE SCHEMA IF NOT EXISTS meta`,
  `CREATE SCHEMA IF NOT EXISTS t`,
  `CREATE TABLE IF NOT EXISTS meta.database (
     name VARCHAR NOT NULL, database_id UUID NOT NULL, created_on TIMESTAMP_NS NOT NULL, version BIGINT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS meta.tables (
     name VARCHAR NOT NULL, folder VARCHAR NOT NULL, docstring VARCHAR NOT NULL, table_id UUID NOT NULL,
     created_on TIMESTAMP_NS NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS meta.columns (
     table_name VARCHAR NOT NULL, ordinal INTEGER NOT NULL, name VARCHAR NOT NULL, type VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS meta.functions (
     name VARCHAR NOT NULL, parameters VARCHAR NOT NULL, body VARCHAR NOT NULL, folder VARCHAR NOT NULL,
     docstring VARCHAR NOT NULL, skip_validation BOOLEAN NOT NULL, created_on TIMESTAMP_NS NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS meta.mappings (
     table_name VARCHAR NOT NULL, name VARCHAR NOT NULL, kind VARCHAR NOT NULL, mapping VARCHAR NOT NULL,
     last_updated_on TIMESTAMP_NS NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS meta.policies (
     entity_type VARCHAR NOT NULL, entity_name VARCHAR NOT NULL, kind VARCHAR NOT NULL, policy VARCHAR NOT NULL,
     updated_on TIMESTAMP_NS NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS meta.extents (
     extent_id UUID NOT NULL, table_name VARCHAR NOT NULL, row_count BIGINT NOT NULL, original_size DOUBLE NOT NULL,
     extent_size DOUBLE NOT NULL, created_on TIMESTAMP_NS NOT NULL, tags VARCHAR NOT NULL)`,
  `CREATE SEQUENCE IF NOT EXISTS meta.log_seq`,
  `CREATE TABLE IF NOT EXISTS meta.journal (
     seq BIGINT NOT NULL, event VARCHAR NOT NULL, event_timestamp TIMESTAMP_NS NOT NULL, database VARCHAR NOT NULL,
     entity_name VARCHAR NOT NULL, updated_entity_name VARCHAR NOT NULL, entity_version VARCHAR NOT NULL,
     entity_container_name VARCHAR NOT NULL, original_entity_state VARCHAR NOT NULL,
     updated_entity_state VARCHAR NOT NULL, change_command VARCHAR NOT NULL, principal VARCHAR NOT NULL,
     root_activity_id UUID, client_request_id VARCHAR NOT NULL, user_name VARCHAR NOT NULL,
     original_entity_version VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS meta.requests (
     seq BIGINT NOT NULL, client_activity_id VARCHAR NOT NULL, command_type VARCHAR NOT NULL, text VARCHAR NOT NULL,
     database VARCHAR NOT NULL, started_on TIMESTAMP_NS NOT NULL, last_updated_on TIMESTAMP_NS NOT NULL,
     duration_ticks BIGINT NOT NULL, state VARCHAR NOT NULL, failure_reason VARCHAR NOT NULL, root_activity_id UUID,
     user_name VARCHAR NOT NULL, application VARCHAR NOT NULL, principal VARCHAR NOT NULL,
     client_request_properties VARCHAR NOT NULL)`,
];
