-- What a match round explains besides its proposals: whether villages not yet helped came first
-- (the fairness term) and what that cost in the round's main objective, the floors it kept, and
-- every need it left (partly) short with the reason the engine gave.
ALTER TABLE match_rounds
    ADD COLUMN fairness_applied boolean NOT NULL DEFAULT false,
    ADD COLUMN fairness         jsonb,
    ADD COLUMN floors           jsonb   NOT NULL DEFAULT '{}',
    ADD COLUMN unmatched_count  integer NOT NULL DEFAULT 0 CHECK (unmatched_count >= 0);

CREATE TABLE match_round_unmatched (
    round_id   bigint    NOT NULL REFERENCES match_rounds (id),
    need_id    bigint    NOT NULL REFERENCES needs (id),
    village_id text      NOT NULL REFERENCES regions (id),
    unit       unit_name NOT NULL,
    allocated  bigint    NOT NULL CHECK (allocated >= 0),
    remaining  bigint    NOT NULL CHECK (remaining >= 1),
    reason     text      NOT NULL CHECK (reason IN (
        'past-deadline', 'no-pledge-of-unit', 'no-pledge-for-category', 'no-pledge-in-scope',
        'village-cap-reached', 'below-floor', 'max-per-need-reached', 'pledges-used-elsewhere',
        'no-gain')),
    PRIMARY KEY (round_id, need_id)
);
