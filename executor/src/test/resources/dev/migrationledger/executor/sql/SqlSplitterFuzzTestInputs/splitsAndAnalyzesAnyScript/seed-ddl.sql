-- ledger: risk=low class=additive
CREATE TABLE widgets (id bigint PRIMARY KEY, name text NOT NULL DEFAULT 'it''s');
CREATE INDEX CONCURRENTLY IF NOT EXISTS widgets_name ON ONLY public.widgets (name);
ALTER TABLE IF EXISTS ONLY "Widgets" ADD COLUMN size int NOT NULL, ALTER COLUMN name SET NOT NULL,
  ALTER COLUMN id TYPE numeric USING id::numeric, DROP COLUMN IF EXISTS old, RENAME COLUMN a TO b;
ALTER INDEX widgets_name RENAME TO widgets_by_name;
DROP TABLE a, b CASCADE;
TRUNCATE TABLE ONLY x, ONLY y;
