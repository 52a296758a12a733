/**
 * The shared SQL guard: {@link dev.quarry.core.sql.SqlValidator} (JSqlParser + domain schema),
 * {@link dev.quarry.core.sql.SqlSandbox} (DuckDB's parser as second gate, locked-down read-only
 * DuckDB over the seed data, timeout, row cap, result fingerprint), {@link dev.quarry.core.sql.SqlNormalizer}
 * (canonical SQL text) and {@link dev.quarry.core.sql.SpiderHardness} (Spider difficulty levels).
 */
package dev.quarry.core.sql;
