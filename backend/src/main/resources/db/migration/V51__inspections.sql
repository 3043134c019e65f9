-- Inspections (督查) and rectification (整改). An inspection covers a period and a set of
-- counties; each finding names its subject, a severity, what is wrong and a deadline. The
-- responsible unit submits rectifications (versions, never overwritten) with evidence; the
-- inspecting unit accepts or returns each one (decisions, also append-only).
CREATE TABLE inspections (
    id               bigserial PRIMARY KEY,
    title            text        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    -- 统战部, 市扶贫办 (a city-level reviewer), 纪委/审计
    unit             text        NOT NULL CHECK (unit IN ('united_front', 'poverty_office', 'audit')),
    inspector_role   text        NOT NULL,
    inspector_region text        REFERENCES regions (id),
    period_from      date        NOT NULL,
    period_to        date        NOT NULL,
    counties         text[]      NOT NULL CHECK (cardinality(counties) BETWEEN 1 AND 50),
    created_by       bigint      NOT NULL REFERENCES users (id),
    created_at       timestamptz NOT NULL,
    CHECK (period_to >= period_from)
);

CREATE TABLE inspection_findings (
    id            bigserial PRIMARY KEY,
    inspection_id bigint      NOT NULL REFERENCES inspections (id),
    subject_kind  text        NOT NULL CHECK (subject_kind IN ('county', 'village', 'donor', 'project', 'report')),
    subject_id    text        NOT NULL CHECK (char_length(subject_id) <= 40),
    county_id     text        REFERENCES regions (id),
    severity      text        NOT NULL CHECK (severity IN ('minor', 'serious', 'grave')),
    problem       text        NOT NULL CHECK (char_length(problem) BETWEEN 1 AND 5000),
    deadline      date        NOT NULL,
    status        text        NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'submitted', 'returned', 'accepted')),
    created_by    bigint      NOT NULL REFERENCES users (id),
    created_at    timestamptz NOT NULL,
    accepted_at   timestamptz,
    -- when the accepted rectification was submitted: on time or late against the deadline
    rectified_at  timestamptz,
    escalated_at  timestamptz,
    updated_at    timestamptz NOT NULL
);
CREATE INDEX inspection_findings_inspection ON inspection_findings (inspection_id, id);
CREATE INDEX inspection_findings_subject ON inspection_findings (subject_kind, subject_id);
CREATE INDEX inspection_findings_county ON inspection_findings (county_id, status);

CREATE TABLE finding_rectifications (
    id           bigserial PRIMARY KEY,
    finding_id   bigint      NOT NULL REFERENCES inspection_findings (id),
    version      integer     NOT NULL CHECK (version >= 1),
    note         text        NOT NULL CHECK (char_length(note) BETWEEN 1 AND 5000),
    submitted_by bigint      NOT NULL REFERENCES users (id),
    submitted_at timestamptz NOT NULL,
    UNIQUE (finding_id, version)
);

-- Evidence of a rectification: up to 4 files (receipts, photos), ≤ 5 MB each.
CREATE TABLE rectification_files (
    id                bigserial PRIMARY KEY,
    rectification_id  bigint  NOT NULL REFERENCES finding_rectifications (id),
    n                 integer NOT NULL CHECK (n BETWEEN 1 AND 4),
    name              text    NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    content_type      text    NOT NULL CHECK (char_length(content_type) BETWEEN 1 AND 100),
    size              integer NOT NULL CHECK (size BETWEEN 0 AND 5242880),
    data              bytea   NOT NULL,
    UNIQUE (rectification_id, n)
);

CREATE TABLE finding_decisions (
    id               bigserial PRIMARY KEY,
    finding_id       bigint      NOT NULL REFERENCES inspection_findings (id),
    rectification_id bigint      NOT NULL REFERENCES finding_rectifications (id),
    decision         text        NOT NULL CHECK (decision IN ('accepted', 'returned')),
    reason           text        NOT NULL DEFAULT '' CHECK (char_length(reason) <= 2000),
    by_user          bigint      NOT NULL REFERENCES users (id),
    at               timestamptz NOT NULL,
    CHECK (decision = 'accepted' OR reason <> '')
);

CREATE TRIGGER finding_rectifications_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON finding_rectifications
    FOR EACH STATEMENT EXECUTE FUNCTION oversight_append_only();
CREATE TRIGGER rectification_files_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON rectification_files
    FOR EACH STATEMENT EXECUTE FUNCTION oversight_append_only();
CREATE TRIGGER finding_decisions_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON finding_decisions
    FOR EACH STATEMENT EXECUTE FUNCTION oversight_append_only();
