-- The duplicate search at registration (docs/identity.md): a similar name with a birth date within
-- a year, found by one GiST index over the site, the birth date and the trigrams of the stored
-- name key (btree_gist lets the range on the date and the trigram match share the index), so the
-- search reads only the rows whose names are similar in the window, not every birth in it
-- (BENCHMARKS.md, "Duplicate search at registration").
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE INDEX applicants_name_trgm ON applicants USING gist (site_id, birth_date, name_key gist_trgm_ops);
