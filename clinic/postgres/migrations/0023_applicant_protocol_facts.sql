-- The facts the 2026-12 rule sets read about a person (protocol-contract.md, "Additions 2026-12"),
-- recorded at registration and corrected with the person's details:
--   citizenships       every citizenship held (ISO 3166-1 alpha-2), besides the nationality
--                      (AU hepatitis B class)
--   stays              periods spent in a country, both days inclusive, "to" empty = until now:
--                      [{"country": "KE", "from": "2024-01-10", "to": "2024-05-10"}]
--                      (AU hepatitis B: three consecutive months in five years; NZ: six months
--                      in a high-TB country since the last chest X-ray certificate)
--   occupation         health_worker | other; '' = not recorded (AU health-care workers)
--   ime_type           full | streamlined; '' = full (CA streamlined IME, as IRCC instructs)
--   previous_cxr_date  issue date of the last chest X-ray certificate held (NZ temporary)

ALTER TABLE applicants
    ADD COLUMN citizenships      text[] NOT NULL DEFAULT '{}',
    ADD COLUMN stays             jsonb  NOT NULL DEFAULT '[]',
    ADD COLUMN occupation        text   NOT NULL DEFAULT '',
    ADD COLUMN ime_type          text   NOT NULL DEFAULT '',
    ADD COLUMN previous_cxr_date date,
    ADD CONSTRAINT applicants_occupation CHECK (occupation IN ('', 'health_worker', 'other')),
    ADD CONSTRAINT applicants_ime_type CHECK (ime_type IN ('', 'full', 'streamlined')),
    ADD CONSTRAINT applicants_stays_array CHECK (jsonb_typeof(stays) = 'array');
