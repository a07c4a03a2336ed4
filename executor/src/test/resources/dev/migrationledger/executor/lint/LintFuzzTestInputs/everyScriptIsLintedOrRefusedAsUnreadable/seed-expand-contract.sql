-- ledger: phase=contract expands=6 class=destructive rollback=restore
ALTER TABLE accounts RENAME COLUMN email TO email_old;
ALTER TABLE accounts DROP COLUMN email_old;
UPDATE accounts SET region = 'eu' WHERE region IS NULL;
INSERT INTO settings VALUES ('seed', 'test');
