CREATE TABLE t (a text DEFAULT 'never closed;
DROP TABLE u;
