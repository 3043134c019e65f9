-- 12317 reports (举报): anyone, signed in or not, reports a problem, tied to a record of the
-- marketplace or to none. Routed by 分级受理、属地管理 to the county of the record; escalated to
-- the city when a deadline passes. The reporter's identity and contact are AES-GCM ciphertext
-- (org.bangfu.privacy.PersonalDataCipher, field "report.reporter"); the tracking secret is kept
-- only as its SHA-256 digest (it is 256 random bits, so a plain digest cannot be reversed).
CREATE TABLE reports (
    id                  bigserial PRIMARY KEY,
    tracking_no         text        NOT NULL UNIQUE CHECK (tracking_no ~ '^[0-9A-Z-]{8,40}$'),
    secret_digest       bytea       NOT NULL,
    subject_kind        text        CHECK (subject_kind IN ('need', 'allocation', 'village', 'donor', 'project', 'notice')),
    subject_id          text        CHECK (char_length(subject_id) <= 40),
    -- where it is handled: the county of the record (NULL: the city takes it directly)
    county_id           text        REFERENCES regions (id),
    level               text        NOT NULL DEFAULT 'county' CHECK (level IN ('county', 'city')),
    category            text        NOT NULL
        CHECK (category IN ('embezzlement', 'misuse', 'false_data', 'work_style', 'unfair', 'other')),
    content             text        NOT NULL CHECK (char_length(content) BETWEEN 1 AND 5000),
    anonymous           boolean     NOT NULL,
    reporter_enc        bytea,
    status              text        NOT NULL DEFAULT 'received'
        CHECK (status IN ('received', 'accepted', 'not_accepted', 'investigating', 'answered',
                          'review_requested', 'closed')),
    not_accepted_reason text        CHECK (char_length(not_accepted_reason) <= 2000),
    received_at         timestamptz NOT NULL,
    ack_due             timestamptz NOT NULL,
    answer_due          timestamptz NOT NULL,
    accepted_at         timestamptz,
    answered_at         timestamptz,
    closed_at           timestamptz,
    escalated_at        timestamptz,
    review_requested_at timestamptz,
    review_reason       text        CHECK (char_length(review_reason) <= 2000),
    updated_at          timestamptz NOT NULL,
    CONSTRAINT report_subject_pair CHECK ((subject_kind IS NULL) = (subject_id IS NULL)),
    CONSTRAINT report_not_accepted_reason CHECK (status <> 'not_accepted' OR not_accepted_reason IS NOT NULL),
    CONSTRAINT report_anonymous_has_no_reporter CHECK (NOT anonymous OR reporter_enc IS NULL),
    CONSTRAINT report_city_level_when_no_county CHECK (county_id IS NOT NULL OR level = 'city')
);
CREATE INDEX reports_county ON reports (county_id, status);
CREATE INDEX reports_subject ON reports (subject_kind, subject_id);
CREATE INDEX reports_open_due ON reports (answer_due) WHERE status NOT IN ('not_accepted', 'closed');

-- Answers are versions: a new answer (after a review) is a new row, never an overwrite.
CREATE TABLE report_answers (
    id         bigserial PRIMARY KEY,
    report_id  bigint      NOT NULL REFERENCES reports (id),
    version    integer     NOT NULL CHECK (version >= 1),
    finding    text        NOT NULL CHECK (finding IN ('founded', 'partly_founded', 'unfounded')),
    answer     text        NOT NULL CHECK (char_length(answer) BETWEEN 1 AND 5000),
    measures   text        NOT NULL DEFAULT '' CHECK (char_length(measures) <= 5000),
    by_user    bigint      NOT NULL REFERENCES users (id),
    at         timestamptz NOT NULL,
    UNIQUE (report_id, version)
);

CREATE FUNCTION oversight_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER report_answers_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON report_answers
    FOR EACH STATEMENT EXECUTE FUNCTION oversight_append_only();

-- Failed tracking look-ups per address (a cluster shares the counts): slowed, then refused.
CREATE TABLE report_lookup_throttle (
    address      text PRIMARY KEY,
    failures     integer     NOT NULL DEFAULT 0,
    window_start timestamptz NOT NULL,
    locked_until timestamptz
);
