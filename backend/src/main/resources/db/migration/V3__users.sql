-- Accounts. A secretary is bound to a village, a reviewer to a region (county or township),
-- a donor account to a donor; the other roles to nothing.
CREATE TABLE users (
    id            bigserial PRIMARY KEY,
    username      text        NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,39}$'),
    display_name  text        NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 100),
    role          text        NOT NULL
        CHECK (role IN ('village_secretary', 'reviewer', 'donor', 'united_front', 'auditor', 'admin')),
    village_id    text REFERENCES regions (id),
    region_id     text REFERENCES regions (id),
    donor_id      bigint REFERENCES donors (id),
    -- pbkdf2-sha256$<iterations>$<salt>$<hash>, never the password
    password_hash text        NOT NULL,
    active        boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT user_binding CHECK (
        ((role = 'village_secretary') = (village_id IS NOT NULL))
        AND ((role = 'reviewer') = (region_id IS NOT NULL))
        AND ((role = 'donor') = (donor_id IS NOT NULL)))
);
CREATE INDEX users_role ON users (role, id);
