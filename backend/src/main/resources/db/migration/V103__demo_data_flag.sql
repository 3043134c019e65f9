-- Whether this database holds the invented demo data, so every screen can say so: one row, written
-- by the demo loader in the transaction that loads it. A database loaded before this table existed
-- is recognised by what only the demo loader writes together: the campaign bqbbc with the demo's
-- village secretary of 安溪县 and its first enterprise account.
CREATE TABLE demo_data (
    only_row  boolean     PRIMARY KEY DEFAULT true CHECK (only_row),
    loaded_at timestamptz NOT NULL
);

INSERT INTO demo_data (loaded_at)
SELECT now()
 WHERE EXISTS (SELECT 1 FROM campaigns WHERE code = 'bqbbc')
   AND EXISTS (SELECT 1 FROM users WHERE username = 'shuji-anxi')
   AND EXISTS (SELECT 1 FROM users WHERE username = 'qiye-1');
