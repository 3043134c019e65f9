-- 问责: accountability cases opened by 纪委 / auditors on a ground the record already proves — a
-- 12317 report whose latest answer found it founded (or partly), a finding found again after an
-- earlier finding on the same subject was accepted (销号), or a finding accepted late — and the
-- decision taken on it: for each person, their unit and post as text (never a name or an ID number)
-- and the measure (诫勉谈话, 通报批评, 党纪处分, 政务处分, 组织处理, or none).
CREATE TABLE accountability_cases (
    id                 bigserial PRIMARY KEY,
    ground             text        NOT NULL
        CHECK (ground IN ('founded_report', 'repeated_finding', 'late_rectification')),
    -- one case per report and per finding, however many people it concerns
    report_id          bigint      UNIQUE REFERENCES reports (id),
    finding_id         bigint      UNIQUE REFERENCES inspection_findings (id),
    -- a repeated finding: the earlier finding on the same subject that had been accepted
    earlier_finding_id bigint      REFERENCES inspection_findings (id),
    -- where the case belongs (the report's or the finding's county; NULL: the city's, or a donor's)
    county_id          text        REFERENCES regions (id),
    summary            text        NOT NULL CHECK (char_length(summary) BETWEEN 1 AND 2000),
    status             text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'decided')),
    opened_by          bigint      NOT NULL REFERENCES users (id),
    opened_at          timestamptz NOT NULL,
    basis              text        CHECK (char_length(basis) BETWEEN 1 AND 5000),
    decided_by         bigint      REFERENCES users (id),
    decided_at         timestamptz,
    CONSTRAINT accountability_one_ground CHECK ((report_id IS NULL) <> (finding_id IS NULL)),
    CONSTRAINT accountability_report_ground CHECK ((ground = 'founded_report') = (report_id IS NOT NULL)),
    CONSTRAINT accountability_repeat_names_earlier
        CHECK ((ground = 'repeated_finding') = (earlier_finding_id IS NOT NULL)),
    CONSTRAINT accountability_decided_in_full
        CHECK ((status = 'decided') = (decided_at IS NOT NULL AND decided_by IS NOT NULL AND basis IS NOT NULL)),
    -- no phone or ID number in the texts others read (runs of 11 or more digits)
    CONSTRAINT accountability_no_personal_numbers CHECK (summary !~ '[0-9]{11}' AND coalesce(basis, '') !~ '[0-9]{11}')
);
CREATE INDEX accountability_cases_county ON accountability_cases (county_id, id);

-- The decision on a case, one row per person; written with the case's decision, never changed.
CREATE TABLE accountability_measures (
    id          bigserial PRIMARY KEY,
    case_id     bigint NOT NULL REFERENCES accountability_cases (id),
    n           integer NOT NULL CHECK (n BETWEEN 1 AND 20),
    person_unit text    NOT NULL CHECK (char_length(person_unit) BETWEEN 1 AND 200),
    person_role text    NOT NULL CHECK (char_length(person_role) BETWEEN 1 AND 100),
    measure     text    NOT NULL CHECK (measure IN ('admonishment_talk', 'circulated_criticism',
        'party_discipline', 'government_sanction', 'organisational_handling', 'none')),
    UNIQUE (case_id, n),
    CONSTRAINT accountability_person_no_numbers CHECK (person_unit !~ '[0-9]{11}' AND person_role !~ '[0-9]{11}')
);

CREATE TRIGGER accountability_measures_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON accountability_measures
    FOR EACH STATEMENT EXECUTE FUNCTION oversight_append_only();

-- A case is decided once: its decision is never changed, and no case is deleted.
CREATE FUNCTION accountability_decided_is_final() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'DELETE' OR OLD.status = 'decided' THEN
        RAISE EXCEPTION 'accountability case % is decided and final', OLD.id USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER accountability_cases_final BEFORE UPDATE OR DELETE ON accountability_cases
    FOR EACH ROW EXECUTE FUNCTION accountability_decided_is_final();
CREATE TRIGGER accountability_cases_no_truncate BEFORE TRUNCATE ON accountability_cases
    FOR EACH STATEMENT EXECUTE FUNCTION oversight_append_only();
