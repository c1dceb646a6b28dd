// Français : l'autorisation de voyage, les contrôles avant le départ et les étapes ajoutées en
// décembre 2026.
import type { enClearance } from './en.clearance';

export const frClearance: Record<keyof typeof enClearance, string> = {
  'clr.title': 'Autorisation de voyage',
  'clr.cleared': 'Rien dans le dossier n’empêche le voyage.',
  'clr.blocked': 'Le voyage est bloqué par :',
  'clr.earliest': 'au plus tôt le {date}',
  'clr.until': 'L’examen est valable jusqu’au {date}.',
  'clr.departure': 'Avant le départ',
  'clr.window': 'du {from} au {to}',
  'clr.by': 'au plus tard le {to}',
  'clr.no_flight': 'période fixée quand le vol sera connu',
  'clr.restriction': 'à ne pas faire pendant cette période',
  'clr.code.outcome_holds_travel': 'Résultat qui retient le voyage',
  'clr.code.exam_expires_before_departure': 'Examen expiré avant le vol',
  'val.susceptible': 'Sensible',
  'val.resistant': 'Résistant',
  'hold.culture_pending': 'En attente des cultures de tuberculose, attendues d’ici le {date}',
  'hold.culture_pending_nodate': 'En attente des cultures de tuberculose',
  'hold.outcome_holds_travel': 'Traitement ou suivi nécessaire avant le voyage',
  'hold.departure_check': '{check} à faire à partir du {date}',
  'hold.departure_check_todo': '{check} reste à faire',
  'hold.exam_expires_before_departure': 'L’aptitude médicale expire avant le vol',
  'step.dst': 'Antibiogramme de la tuberculose (DST)',
  'step.hepatitis_c': 'Test de l’hépatite C',
  'step.hiv_counselling': 'Conseil VIH',
  'step.pre_departure_screening': 'Bilan médical avant le départ',
  'step.departure_health_check': 'Bilan de santé avant le départ',
  'step.inz_1262': 'Bilan de santé avant le départ (INZ 1262)',
  'step.no_live_vaccines': 'Pas de vaccin vivant avant le départ',
};
