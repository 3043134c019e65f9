-- Goods named freely, in Chinese too: a unit item:<what> takes 1 to 40 characters of lower-case
-- Latin letters, CJK ideographs (U+3400–U+4DBF, U+4E00–U+9FFF), digits, spaces and '-', beginning
-- and ending with a letter or digit (item:棉被, item:school-uniform). The same rule as
-- org.bangfu.needs.Unit; every unit already stored passes it.
ALTER DOMAIN unit_name DROP CONSTRAINT unit_name_check;
ALTER DOMAIN unit_name ADD CONSTRAINT unit_name_check CHECK (
    VALUE IN ('CNY', 'job', 'training-place')
    OR VALUE ~ '^item:[a-z0-9\u3400-\u4dbf\u4e00-\u9fff]([a-z0-9\u3400-\u4dbf\u4e00-\u9fff -]{0,38}[a-z0-9\u3400-\u4dbf\u4e00-\u9fff])?$');
