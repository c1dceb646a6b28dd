// Ikinyarwanda: amakuru yoherezwa mu bihugu byakira abimukira.
import type { enInterop } from './en.interop';

export const rwInterop: Record<keyof typeof enInterop, string> = {
  'ix.title': 'Amakuru yoherezwa ibihugu byakira',
  'ix.hint': 'Isuzuma ryashyizweho umukono nk’inyandiko ya FHIR R4, n’ipaki y’amafishi yashyizweho umukono yo kohereza.',
  'ix.fhir': 'Inyandiko ya FHIR (JSON)',
  'ix.package': 'Ipaki yo kohereza (ZIP)',
  'ix.col': 'Amakuru',
  'ix.flight_fhir': 'Amakuru ya FHIR y’urugendo {flight} (NDJSON, ZIP)',
  'ix.flight_packages': 'Amapaki yo kohereza y’urugendo {flight} (ZIP)',
};
