-- The review queue: a status's needs in a reviewer's region, read as a range of village codes in
-- byte order (NeedRepository.inRegion), whatever collation the database was created with.
DROP INDEX needs_status_village;
CREATE INDEX needs_status_village ON needs (status, (village_id COLLATE "C"));
