// Français : contrôles de saisie des postes et raccourcis de l'enregistrement.
import type { enStations } from './en.stations';

export const frStations: Record<keyof typeof enStations, string> = {
  'reg.queue_now': 'Mettre tout le monde en file d’attente maintenant',
  'reg.same_as_principal': 'Comme le demandeur principal (nationalité, résidence, pays de séjour)',
  'reg.country_hint': 'Tapez le nom du pays ou son code',
  'fielderr.required_here': 'Remplissez ce champ.',
  'fielderr.name_required': 'Saisissez le nom ou les prénoms (au moins l’un des deux).',
  'fielderr.name_latin': 'Écrivez le nom en lettres latines (A–Z, accents permis), comme sur le document de voyage.',
  'fielderr.birth_future': 'La date de naissance est après aujourd’hui.',
  'fielderr.flight_past': 'La date de départ est avant aujourd’hui ; le vol est déjà parti.',
  'fielderr.not_a_number': 'Saisissez un nombre (des chiffres seulement ; des lettres ont été tapées).',
};
