-- Case lists imported (mhac import cases, the upload page): each import is kept with its summary,
-- so the problems of a refused file stay readable for an administrator.
CREATE TABLE case_imports (
    id         uuid PRIMARY KEY,
    site_id    uuid NOT NULL REFERENCES sites(id),
    user_id    uuid NOT NULL,
    file_name  text NOT NULL,
    sha256     text NOT NULL,
    at         timestamptz NOT NULL,
    cases      integer NOT NULL,
    people     integer NOT NULL,
    unchanged  integer NOT NULL,
    errors     jsonb NOT NULL
);
CREATE INDEX case_imports_site ON case_imports (site_id, at);

-- An import looks registered people up by their travel document.
CREATE INDEX applicants_document ON applicants (site_id, upper(document_number)) WHERE document_number <> '';
