-- A department's file no longer writes a step per case into the cases' timelines ("opened" or
-- "lead_joined", noted "部门预警 #batch"): the timeline derives it from the file's leads, which are
-- written anyway — one step per case and file, "opened" where the file brought the case's first
-- lead. A file of 50,000 warnings wrote up to 50,000 step rows with their index entries.
--
-- step_id is the one number the file's steps take in every timeline, drawn from the steps' own
-- sequence when the file is queued, at the moment the step rows used to be written, so a timeline
-- keeps its order by time and number. Files queued before this have none: their steps are rows.
ALTER TABLE monitor_warning_batches ADD COLUMN step_id bigint;
