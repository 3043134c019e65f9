-- Steps that publish or pay can be taken back, on the record.
--
-- A verification needs a receipt file, or an exception saying why there is none (goods handed over
-- in person before a witness, a cash receipt still to come, …). The exception is kept beside the
-- allocation; supervision counts an allocation verified on an exception as one without evidence.
CREATE TABLE verification_exceptions (
    id            bigserial PRIMARY KEY,
    allocation_id bigint      NOT NULL REFERENCES allocations (id),
    kind          text        NOT NULL CHECK (kind IN ('handed_over_in_person', 'receipt_pending', 'other')),
    reason        text        NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 1000),
    by_user       bigint      REFERENCES users (id),
    at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX verification_exceptions_allocation ON verification_exceptions (allocation_id, id);

-- A step back in an allocation's history: a receipt returned to the village (received → delivered)
-- or a verification revoked (verified → received); the reason is the row's note.
ALTER TABLE allocation_history
    ADD COLUMN step text CHECK (step IN ('returned', 'revoked'));

-- A published correction (更正) of a notice: what was wrong and when the correction was published.
-- The notice itself stays as it was published; the correction is shown with it.
ALTER TABLE notices
    ADD COLUMN correction   text CHECK (char_length(correction) BETWEEN 1 AND 2000),
    ADD COLUMN corrected_at timestamptz,
    ADD CONSTRAINT notice_correction_dated CHECK ((correction IS NULL) = (corrected_at IS NULL));
CREATE INDEX notices_corrected ON notices (corrected_at DESC, id DESC) WHERE corrected_at IS NOT NULL;
