-- A region and everything in it as one range of codes (region_contains, V78): the region tree the
-- dashboard reads is Quanzhou's few thousand regions out of the national registry's 140,000.
CREATE INDEX regions_code_bytes ON regions ((id COLLATE "C"));
