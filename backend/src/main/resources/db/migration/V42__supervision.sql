-- Online fund supervision (扶贫资金在线监管): alerts raised by rules over the ledgers, which
-- auditors work through (open → explained or closed, with a note). One alert per rule and
-- subject, ever: an explained or closed alert is not raised again.
CREATE TABLE alerts (
    id           bigserial PRIMARY KEY,
    rule         text        NOT NULL CHECK (rule IN (
        'allocation_not_delivered', 'allocation_not_received', 'receipt_without_evidence',
        'allocation_not_verified', 'project_without_progress', 'project_overdue',
        'household_many_sources', 'programme_ahead', 'programme_behind', 'pledge_expiring')),
    subject_type text        NOT NULL CHECK (subject_type ~ '^[a-z][a-z_]{1,39}$'),
    subject_id   text        NOT NULL CHECK (char_length(subject_id) BETWEEN 1 AND 60),
    region_id    text        REFERENCES regions (id),
    county_id    text        REFERENCES regions (id),
    title        text        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 300),
    details      jsonb       NOT NULL DEFAULT '{}',
    raised_at    timestamptz NOT NULL,
    status       text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'explained', 'closed')),
    note         text        CHECK (char_length(note) BETWEEN 1 AND 2000),
    handled_by   bigint      REFERENCES users (id),
    handled_at   timestamptz,
    CONSTRAINT alert_handled CHECK (status = 'open' OR (note IS NOT NULL AND handled_at IS NOT NULL)),
    CONSTRAINT alert_once UNIQUE (rule, subject_type, subject_id)
);
CREATE INDEX alerts_status ON alerts (status, raised_at DESC);
CREATE INDEX alerts_county ON alerts (county_id, status);
