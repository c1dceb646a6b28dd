-- Identity at every station and duplicates at registration.
--
-- identity_checks: before a station records its step for a person it confirms that the person
-- in front of it matches the photo and the document ("match") or reports a mismatch, which holds
-- the assessment until the registrar or the physician resolves it.
CREATE TABLE identity_checks (
    id            uuid PRIMARY KEY,
    assessment_id uuid NOT NULL REFERENCES assessments(id),
    applicant_id  uuid NOT NULL REFERENCES applicants(id),
    site_id       uuid NOT NULL REFERENCES sites(id),
    station       text NOT NULL,
    outcome       text NOT NULL CHECK (outcome IN ('match', 'mismatch')),
    reason        text NOT NULL DEFAULT '',
    checked_by    uuid NOT NULL,
    checked_name  text NOT NULL,
    checked_at    timestamptz NOT NULL,
    resolved_by   uuid,
    resolved_name text NOT NULL DEFAULT '',
    resolved_at   timestamptz,
    resolution    text NOT NULL DEFAULT ''
);
CREATE INDEX identity_checks_assessment ON identity_checks (assessment_id, station, checked_at DESC);
CREATE INDEX identity_checks_open ON identity_checks (assessment_id) WHERE outcome = 'mismatch' AND resolved_at IS NULL;

-- Similar names: trigram similarity (pg_trgm, PostgreSQL contrib) over a key that folds the
-- common transliteration variants: case, accents, hyphens (Jean-Pierre/Jean Pierre), apostrophes (N'Diaye/Ndiaye), doubled letters
-- (Mohammed/Mohamed), ou/u, ph/f, kh/k, y/i, the vowels o/u and e/a that transliterations
-- swap (Muhammad/Mohamed), and the order of the words.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE FUNCTION mhac_name_key(name text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_to_string(array(
        SELECT w FROM regexp_split_to_table(
            translate(regexp_replace(
                replace(replace(replace(replace(
                    translate(lower(name),
                        'áàâäãåāéèêëēěíìîïīóòôöõōøúùûüūůçćčñńýÿšśžźłß-.,_/''’`',
                        'aaaaaaaeeeeeeiiiiiooooooouuuuuucccnnyysszzls     '),
                    'ou', 'u'), 'ph', 'f'), 'kh', 'k'), 'y', 'i'),
                '([a-z])\1+', '\1', 'g'), 'oe', 'ua'),
            '\s+') AS w
        WHERE w <> '' ORDER BY w), ' '), '')
$$;

-- The key is stored, so the search never computes it for the people registered. The search
-- narrows by the birth-date window first (common names share most trigrams: a trigram index would
-- recheck thousands of rows), then compares the keys (BENCHMARKS.md, "Duplicate search").
ALTER TABLE applicants ADD COLUMN name_key text GENERATED ALWAYS AS (mhac_name_key(surnames || ' ' || given_names)) STORED;
CREATE INDEX applicants_birth ON applicants (site_id, birth_date);

-- What the registrar decided about a possible duplicate shown before saving: the same person
-- (linked: the earlier record's history carries over) or a different person (with the reason).
CREATE TABLE applicant_duplicates (
    applicant_id uuid NOT NULL REFERENCES applicants(id),
    other_id     uuid NOT NULL REFERENCES applicants(id),
    decision     text NOT NULL CHECK (decision IN ('same_person', 'different_person')),
    reason       text NOT NULL DEFAULT '',
    match        text NOT NULL,
    decided_by   uuid NOT NULL,
    decided_at   timestamptz NOT NULL,
    PRIMARY KEY (applicant_id, other_id)
);
CREATE INDEX applicant_duplicates_other ON applicant_duplicates (other_id);
