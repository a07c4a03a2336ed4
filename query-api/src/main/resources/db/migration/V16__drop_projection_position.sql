-- Axon's tracking token (token_entry), committed in the same transaction as a read model's rows, is the
-- only measure of how far a projection got; the second mark kept here is gone. Rows are keyed so that a
-- redelivered event changes nothing.
DROP TABLE projection_position;
