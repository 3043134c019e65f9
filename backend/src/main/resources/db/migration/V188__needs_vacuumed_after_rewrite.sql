-- V186 rewrote the needs table, which leaves its visibility map empty: until a VACUUM sets it
-- again, counts that were read from an index alone (the public needs of a category, of a county)
-- visit the table for every row (on the national set 39 ms -> 261 ms for a category's count), and
-- nothing would soon start an automatic VACUUM (the rewrite counts as no insert or update).
-- VACUUM cannot run inside a transaction: Flyway runs this migration, its only statement, without
-- one.
VACUUM (ANALYZE) needs;
