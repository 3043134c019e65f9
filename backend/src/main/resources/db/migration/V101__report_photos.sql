-- A 12317 report may come with one photo (what the reporter saw): JPEG, PNG or WebP by its content,
-- at most 2 MB, kept with the report and never changed. Only the desk that handles the report reads
-- it; the tracking page does not show it.
CREATE TABLE report_photos (
    report_id    bigint  PRIMARY KEY REFERENCES reports (id),
    name         text    NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    content_type text    NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
    size         integer NOT NULL CHECK (size BETWEEN 1 AND 2097152),
    data         bytea   NOT NULL
);
CREATE TRIGGER report_photos_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON report_photos
    FOR EACH STATEMENT EXECUTE FUNCTION oversight_append_only();
