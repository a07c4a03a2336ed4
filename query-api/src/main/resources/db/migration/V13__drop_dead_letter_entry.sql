-- No processor has a dead-letter queue: a handler that fails rolls its batch back and retries from its token
-- (PropagatingErrorHandler), so nothing is ever parked. The table V1 created for one was never written.
DROP TABLE dead_letter_entry;
