-- Flights as records of their own, with their passengers.
--
-- Until now a flight was two columns of a case (flight_number, departure_date). A flight now has
-- its number (normalised: upper case, no spaces or hyphens), its date, the departure time and
-- airport, the destination airport and the connections; its passengers are people (applicants),
-- each with the case they travel with. A person is on at most one flight at a time: rebooking
-- moves the row. The case's two columns stay as the flight of the case (its members' earliest
-- flight), written in the same transaction as the bookings, so the panel's list and its index
-- (cases_panel) keep working.
CREATE TABLE flights (
    id                  uuid PRIMARY KEY,
    site_id             uuid NOT NULL REFERENCES sites (id),
    number              text NOT NULL CHECK (number ~ '^[A-Z0-9]{2}[A-Z]?[0-9]{1,4}[A-Z]?$'),
    departure_date      date NOT NULL,
    departure_time      text NOT NULL DEFAULT '' CHECK (departure_time = '' OR departure_time ~ '^[0-2][0-9]:[0-5][0-9]$'),
    departure_airport   text NOT NULL DEFAULT '',
    destination_airport text NOT NULL DEFAULT '',
    connections         text[] NOT NULL DEFAULT '{}',
    version             integer NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (site_id, number, departure_date)
);
CREATE INDEX flights_date ON flights (site_id, departure_date, number);

CREATE TABLE flight_passengers (
    applicant_id uuid PRIMARY KEY REFERENCES applicants (id),
    flight_id    uuid NOT NULL REFERENCES flights (id),
    case_id      uuid NOT NULL REFERENCES cases (id),
    booked_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX flight_passengers_flight ON flight_passengers (flight_id);
CREATE INDEX flight_passengers_case ON flight_passengers (case_id);

-- The flights already recorded on cases become flights; every member of such a case a passenger.
-- A number that does not fit the pattern above is kept out (with its case columns unchanged).
INSERT INTO flights (id, site_id, number, departure_date, created_at)
SELECT gen_random_uuid(), c.site_id, n.number, c.departure_date, min(c.created_at)
FROM cases c
CROSS JOIN LATERAL (SELECT upper(regexp_replace(c.flight_number, '[\s-]', '', 'g')) AS number) n
WHERE c.flight_number <> '' AND c.departure_date IS NOT NULL
  AND n.number ~ '^[A-Z0-9]{2}[A-Z]?[0-9]{1,4}[A-Z]?$'
GROUP BY c.site_id, n.number, c.departure_date;

INSERT INTO flight_passengers (applicant_id, flight_id, case_id, booked_at)
SELECT a.id, f.id, c.id, c.created_at
FROM cases c
JOIN applicants a ON a.case_id = c.id
JOIN flights f ON f.site_id = c.site_id AND f.departure_date = c.departure_date
  AND f.number = upper(regexp_replace(c.flight_number, '[\s-]', '', 'g'));

UPDATE cases c SET flight_number = f.number
FROM flight_passengers p JOIN flights f ON f.id = p.flight_id
WHERE p.case_id = c.id AND c.flight_number <> f.number;
