-- An allocation's history rows name their allocation and the user who made the step; a national
-- round writes 400,000 of them, 20,000 to a statement, and each row's two foreign-key checks (a
-- query each, locking the allocation the same statement's round has just written, and the user's
-- row) cost about as much as writing the row. They are checked once per statement by the rule of
-- V180 (references_checked and its other half), with the same guarantee: a history row naming an
-- allocation or a user that does not exist is refused with the constraint's name; removing a named
-- allocation or user waits for the writers and is refused; TRUNCATE is refused while history rows
-- name them. Nothing in the product removes allocations or users.

ALTER TABLE allocation_history
    DROP CONSTRAINT allocation_history_allocation_id_fkey,
    DROP CONSTRAINT allocation_history_by_user_fkey;

CREATE TRIGGER allocation_history_references_added AFTER INSERT ON allocation_history
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION references_checked(
        'allocation_id', 'allocations', 'allocation_history_allocation_id_fkey',
        'by_user', 'users', 'allocation_history_by_user_fkey');
CREATE TRIGGER allocation_history_references_changed AFTER UPDATE OF allocation_id, by_user ON allocation_history
    FOR EACH ROW
    WHEN ((OLD.allocation_id, OLD.by_user) IS DISTINCT FROM (NEW.allocation_id, NEW.by_user))
    EXECUTE FUNCTION references_checked(
        'allocation_id', 'allocations', 'allocation_history_allocation_id_fkey',
        'by_user', 'users', 'allocation_history_by_user_fkey');

CREATE TRIGGER allocation_history_allocation_removed BEFORE DELETE OR UPDATE OF id ON allocations
    FOR EACH ROW EXECUTE FUNCTION referenced_row_removed(
        'allocation_history', 'allocation_id', 'allocation_history_allocation_id_fkey');
CREATE TRIGGER allocation_history_user_removed BEFORE DELETE OR UPDATE OF id ON users
    FOR EACH ROW EXECUTE FUNCTION referenced_row_removed(
        'allocation_history', 'by_user', 'allocation_history_by_user_fkey');

CREATE TRIGGER allocation_history_allocations_truncated BEFORE TRUNCATE ON allocations
    FOR EACH STATEMENT EXECUTE FUNCTION referenced_rows_truncated('allocation_history');
CREATE TRIGGER allocation_history_users_truncated BEFORE TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION referenced_rows_truncated('allocation_history');
