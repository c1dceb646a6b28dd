// Français : les exports de données pour les systèmes des pays d’accueil.
import type { enInterop } from './en.interop';

export const frInterop: Record<keyof typeof enInterop, string> = {
  'ix.title': 'Données pour les systèmes d’accueil',
  'ix.hint': 'L’examen signé en document FHIR R4, et un dossier des formulaires signés prêt à téléverser.',
  'ix.fhir': 'Document FHIR (JSON)',
  'ix.package': 'Dossier de soumission (ZIP)',
  'ix.col': 'Données',
  'ix.flight_fhir': 'Export FHIR du vol {flight} (NDJSON, ZIP)',
  'ix.flight_packages': 'Dossiers de soumission du vol {flight} (ZIP)',
};
