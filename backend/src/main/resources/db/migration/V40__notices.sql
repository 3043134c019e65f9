-- Public notice (公告公示) with objections (异议).
--
-- A notice announces something that happened (a project approved or accepted, an allocation
-- verified, a household's status changed) for a window (10 days by default); during the window
-- anyone may object. A notice with an open objection is 'held' and cannot close; one whose window
-- has passed with no open objection is closed by a scheduled job, and the listeners of its kind
-- then act (e.g. a household's new status takes effect).
CREATE TABLE notices (
    id              bigserial PRIMARY KEY,
    kind            text        NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]{1,39}$'),
    -- what the notice is about: ('project', 12), ('allocation', 7), ('household', 3)
    subject_type    text        NOT NULL CHECK (subject_type ~ '^[a-z][a-z0-9_]{1,39}$'),
    subject_id      text        NOT NULL CHECK (char_length(subject_id) BETWEEN 1 AND 40),
    -- the village (or county) it concerns, and its county for filtering
    region_id       text        NOT NULL REFERENCES regions (id),
    county_id       text        REFERENCES regions (id),
    title           text        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    -- the public content: amount in whole yuan, source of the money, use, place, implementer or
    -- donor, beneficiaries (never a household's personal data)
    amount          bigint      CHECK (amount BETWEEN 0 AND 1000000000000),
    source          text        CHECK (char_length(source) <= 200),
    purpose         text        CHECK (char_length(purpose) <= 1000),
    place           text        CHECK (char_length(place) <= 200),
    implementer     text        CHECK (char_length(implementer) <= 200),
    beneficiaries   text        CHECK (char_length(beneficiaries) <= 500),
    published_at    timestamptz NOT NULL,
    window_ends_at  timestamptz NOT NULL,
    status          text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'held', 'closed')),
    closed_at       timestamptz,
    CONSTRAINT notice_window_after_publication CHECK (window_ends_at > published_at),
    CONSTRAINT notice_closed_at CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX notices_published ON notices (published_at DESC, id DESC);
CREATE INDEX notices_county ON notices (county_id, published_at DESC);
CREATE INDEX notices_region ON notices (region_id);
CREATE INDEX notices_subject ON notices (subject_type, subject_id, kind);
CREATE INDEX notices_due ON notices (window_ends_at) WHERE status <> 'closed';

-- An objection filed by anyone (no account). The contact is AES-GCM ciphertext; the address is
-- only kept as a keyed digest, to limit objections per address and day.
CREATE TABLE notice_objections (
    id             bigserial PRIMARY KEY,
    notice_id      bigint      NOT NULL REFERENCES notices (id),
    text           text        NOT NULL CHECK (char_length(text) BETWEEN 1 AND 2000),
    contact_enc    bytea,
    address_digest bytea       NOT NULL,
    filed_at       timestamptz NOT NULL,
    due_at         timestamptz NOT NULL,
    status         text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered')),
    answer         text        CHECK (char_length(answer) BETWEEN 1 AND 5000),
    answered_at    timestamptz,
    answered_by    bigint      REFERENCES users (id),
    CONSTRAINT objection_due_after_filing CHECK (due_at > filed_at),
    CONSTRAINT objection_answered CHECK ((status = 'answered') = (answer IS NOT NULL AND answered_at IS NOT NULL))
);
CREATE INDEX notice_objections_notice ON notice_objections (notice_id, id);
CREATE INDEX notice_objections_open ON notice_objections (status, due_at);
CREATE INDEX notice_objections_address ON notice_objections (address_digest, filed_at);
