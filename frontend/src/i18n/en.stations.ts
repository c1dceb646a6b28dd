// English: the stations' input checks and registration shortcuts. Spread into the English catalog.
export const enStations = {
  'reg.queue_now': 'Put everyone in the queue now',
  'reg.same_as_principal': 'Same as the principal applicant (nationality, residence, countries lived in)',
  'reg.country_hint': 'Type the country name or its code',
  'fielderr.required_here': 'Fill in this field.',
  'fielderr.name_required': 'Enter the surname or the given names (at least one).',
  'fielderr.name_latin': 'Write the name in Latin letters (A–Z, accents allowed), as on the travel document.',
  'fielderr.birth_future': 'The birth date is after today.',
  'fielderr.flight_past': 'The departure date is before today; the flight has already left.',
  'fielderr.not_a_number': 'Enter a number (digits only; letters were typed).',
};
