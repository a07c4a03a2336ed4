-- What the overdue check needs to tell, without loading the project, that none of its reviews can be due
-- yet: the environment (whose policy sets the deadline) and when the fact opened the review. Rows watched
-- before this version have neither; the check asks the project about them as it always did.
ALTER TABLE review_watch ADD COLUMN environment VARCHAR(255), ADD COLUMN opened_at TIMESTAMPTZ;
