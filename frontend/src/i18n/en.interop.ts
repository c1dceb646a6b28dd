// English: the data exports for receiving systems (FHIR document, Bulk Data export, submission
// packages). Spread into the English catalog, so its keys are catalog keys.
export const enInterop = {
  'ix.title': 'Data for receiving systems',
  'ix.hint': 'The signed assessment as a FHIR R4 document, and a package of the signed forms ready to upload.',
  'ix.fhir': 'FHIR document (JSON)',
  'ix.package': 'Submission package (ZIP)',
  'ix.col': 'Data',
  'ix.flight_fhir': 'FHIR export of flight {flight} (NDJSON, ZIP)',
  'ix.flight_packages': 'Submission packages of flight {flight} (ZIP)',
};
