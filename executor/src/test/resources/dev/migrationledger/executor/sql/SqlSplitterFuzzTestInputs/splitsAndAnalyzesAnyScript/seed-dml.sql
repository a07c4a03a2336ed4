/* a /* nested */ comment ; */
WITH moved AS (DELETE FROM old_rows WHERE id < 10 RETURNING *) INSERT INTO new_rows SELECT * FROM moved;
INSERT INTO t (a, b) VALUES (1, E'semi\;colon \' quote'), (2, $x$ dollar ; body $x$);
UPDATE ONLY t AS u SET a = current_setting('app.flag')::int WHERE b = 'x';
DELETE FROM t;
SET LOCAL statement_timeout = '5s'; RESET search_path; SET CONSTRAINTS ALL DEFERRED;
SELECT set_config('a.b', 'c', false);
