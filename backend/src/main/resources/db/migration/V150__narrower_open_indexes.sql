-- Index entries only for the rows a lookup can find. A deadline is a desk's, a village's or a
-- donor's (rarely more than one of these), yet every open deadline had an entry in all three
-- inboxes' indexes, most of them NULL keys no query reads: the inbox asks for one region, one
-- village or one donor by equality, which these partial indexes still answer. Likewise a case of a
-- person outside the register has no household, and a case placed only in its county no village.
-- A department's file of 50,000 warnings opens up to 100,000 deadlines and 50,000 cases: a quarter
-- fewer index entries to write for each.
DROP INDEX deadlines_desk;
CREATE INDEX deadlines_desk ON deadlines (who_region, due_at) WHERE state = 'open' AND who_region IS NOT NULL;
DROP INDEX deadlines_village;
CREATE INDEX deadlines_village ON deadlines (who_village, due_at) WHERE state = 'open' AND who_village IS NOT NULL;
DROP INDEX deadlines_donor;
CREATE INDEX deadlines_donor ON deadlines (who_donor, due_at) WHERE state = 'open' AND who_donor IS NOT NULL;

DROP INDEX monitor_cases_household;
CREATE INDEX monitor_cases_household ON monitor_cases (household_id) WHERE household_id IS NOT NULL;
DROP INDEX monitor_cases_village;
CREATE INDEX monitor_cases_village ON monitor_cases (village_id, state) WHERE village_id IS NOT NULL;
