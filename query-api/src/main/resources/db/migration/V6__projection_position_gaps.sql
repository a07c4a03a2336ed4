-- Global indexes below last_index that a projection has not applied yet. An index is taken at insert
-- and becomes visible at commit, so with concurrent writers (two instances, or many requests) an event
-- with a lower index can arrive after a higher one; a bare high-water mark would drop it as "seen".
ALTER TABLE projection_position ADD COLUMN gaps BIGINT[] NOT NULL DEFAULT '{}';
