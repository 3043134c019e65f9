-- Secrets generated at first start and shared by every node of a cluster (the JWT key).
CREATE TABLE app_secrets (
    name       text PRIMARY KEY,
    value      text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Failed sign-ins, per account ('account', username) and per address ('address', ip), kept
-- here rather than in memory so every node of a cluster sees the same counts.
CREATE TABLE login_throttle (
    scope        text        NOT NULL CHECK (scope IN ('account', 'address')),
    key          text        NOT NULL,
    failures     integer     NOT NULL DEFAULT 0,
    window_start timestamptz NOT NULL DEFAULT now(),
    locked_until timestamptz,
    PRIMARY KEY (scope, key)
);
