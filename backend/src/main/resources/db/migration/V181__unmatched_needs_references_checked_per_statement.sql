-- The needs a round leaves short name their round, need and village; a national round writes
-- 400,000 of them in one statement, and their three foreign keys per row (a query each, locking the
-- round's, the need's and the village's row) took about five times as long as writing the rows. They
-- are checked once per statement by the rule of V180 (references_checked and its other half), with
-- the same guarantee: a row naming a round, need or village that does not exist is refused with the
-- constraint's name; removing a named one waits for the writers and is refused; TRUNCATE is refused
-- while rows name it. Nothing in the product removes rounds, needs or regions.

ALTER TABLE match_round_unmatched
    DROP CONSTRAINT match_round_unmatched_round_id_fkey,
    DROP CONSTRAINT match_round_unmatched_need_id_fkey,
    DROP CONSTRAINT match_round_unmatched_village_id_fkey;

CREATE TRIGGER match_round_unmatched_references_added AFTER INSERT ON match_round_unmatched
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION references_checked(
        'round_id', 'match_rounds', 'match_round_unmatched_round_id_fkey',
        'need_id', 'needs', 'match_round_unmatched_need_id_fkey',
        'village_id', 'regions', 'match_round_unmatched_village_id_fkey');
CREATE TRIGGER match_round_unmatched_references_changed
    AFTER UPDATE OF round_id, need_id, village_id ON match_round_unmatched
    FOR EACH ROW
    WHEN ((OLD.round_id, OLD.need_id, OLD.village_id) IS DISTINCT FROM (NEW.round_id, NEW.need_id, NEW.village_id))
    EXECUTE FUNCTION references_checked(
        'round_id', 'match_rounds', 'match_round_unmatched_round_id_fkey',
        'need_id', 'needs', 'match_round_unmatched_need_id_fkey',
        'village_id', 'regions', 'match_round_unmatched_village_id_fkey');

CREATE TRIGGER match_round_unmatched_round_removed BEFORE DELETE OR UPDATE OF id ON match_rounds
    FOR EACH ROW EXECUTE FUNCTION referenced_row_removed(
        'match_round_unmatched', 'round_id', 'match_round_unmatched_round_id_fkey');
CREATE TRIGGER match_round_unmatched_need_removed BEFORE DELETE OR UPDATE OF id ON needs
    FOR EACH ROW EXECUTE FUNCTION referenced_row_removed(
        'match_round_unmatched', 'need_id', 'match_round_unmatched_need_id_fkey');
CREATE TRIGGER match_round_unmatched_village_removed BEFORE DELETE OR UPDATE OF id ON regions
    FOR EACH ROW EXECUTE FUNCTION referenced_row_removed(
        'match_round_unmatched', 'village_id', 'match_round_unmatched_village_id_fkey');

CREATE TRIGGER match_round_unmatched_rounds_truncated BEFORE TRUNCATE ON match_rounds
    FOR EACH STATEMENT EXECUTE FUNCTION referenced_rows_truncated('match_round_unmatched');
CREATE TRIGGER match_round_unmatched_needs_truncated BEFORE TRUNCATE ON needs
    FOR EACH STATEMENT EXECUTE FUNCTION referenced_rows_truncated('match_round_unmatched');
CREATE TRIGGER match_round_unmatched_regions_truncated BEFORE TRUNCATE ON regions
    FOR EACH STATEMENT EXECUTE FUNCTION referenced_rows_truncated('match_round_unmatched');
