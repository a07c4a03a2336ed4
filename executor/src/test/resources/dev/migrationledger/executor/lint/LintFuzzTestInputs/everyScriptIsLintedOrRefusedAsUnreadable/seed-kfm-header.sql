-- [KFM_MIGRATION]
-- id: 20260225_1200__add_widgets_table
-- owner: team-data
-- ticket: OPS-7
-- risk: high
-- rollout: requires-maintenance-window
-- rollback: compensating
-- [/KFM_MIGRATION]
CREATE TABLE widgets (id int);
