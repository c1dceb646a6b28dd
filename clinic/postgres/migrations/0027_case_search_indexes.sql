-- The case list and the caseworker's board page a site's cases newest first; without an index in
-- that order every page sorted all the site's cases (200 ms at 4,600 cases a site, BENCHMARKS.md
-- "The clinic day's mix"). IF NOT EXISTS: a large deployment may build them CONCURRENTLY first.
CREATE INDEX IF NOT EXISTS cases_site_created ON cases (site_id, created_at DESC, id DESC);

-- The registrar's search ("contains", any part of a case number, a name or a document number)
-- is served by trigram indexes that start with the site (btree_gin lets the uuid share the GIN
-- index), so a common surname reads only that site's matches, not the deployment's.
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX IF NOT EXISTS cases_search_site ON cases USING gin (site_id, lower(case_number) gin_trgm_ops);
CREATE INDEX IF NOT EXISTS applicants_search_site ON applicants USING gin
  (site_id, lower(surnames) gin_trgm_ops, lower(given_names) gin_trgm_ops, lower(document_number) gin_trgm_ops);
