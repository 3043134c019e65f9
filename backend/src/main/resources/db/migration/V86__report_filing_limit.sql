-- 12317 filings per client address (a cluster shares the counts): each filing is counted in one
-- statement before the report is written, so reports sent at once each get their own count and no
-- more than the day's limit get through. The address is kept only as a keyed digest (HMAC with the
-- personal-data key): who reported must not be recoverable from this table.
CREATE TABLE report_filing_throttle (
    address_digest bytea PRIMARY KEY,
    filings        integer     NOT NULL CHECK (filings >= 0),
    window_start   timestamptz NOT NULL
);
