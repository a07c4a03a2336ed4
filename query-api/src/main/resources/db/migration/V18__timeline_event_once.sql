-- The migration-timeline stored the whole event on every version row it concerns: an authorization of
-- 500 versions was written 500 times (43 MB for one run of 500 files). The event is now stored once per
-- global index and the per-version rows refer to it.
CREATE TABLE projection_timeline_event (
    global_index BIGINT PRIMARY KEY,
    event        JSONB  NOT NULL
);

INSERT INTO projection_timeline_event (global_index, event)
SELECT DISTINCT ON (global_index) global_index, event FROM projection_timeline ORDER BY global_index;

ALTER TABLE projection_timeline DROP COLUMN event;
