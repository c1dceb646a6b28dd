// Français : le dépistage en santé mentale (RHS-15) et l'évaluation du médecin.
import type { enMentalHealth } from './en.mentalhealth';

export const frMentalHealth: Record<keyof typeof enMentalHealth, string> = {
  'mh.title': 'Santé mentale (dépistage RHS-15)',
  'mh.language': 'Langue du dépistage',
  'mh.interpreter': 'Posé avec un interprète',
  'mh.items_caption': 'Items 1 à 14 du RHS-15 : à quel point chacun a gêné la personne le mois passé',
  'mh.item': 'Item',
  'mh.answer': 'Réponse',
  'mh.answer_all': 'Répondez aux 14 items et au thermomètre de détresse.',
  'mh.positive': 'Dépistage positif : total des items 1 à 14 {score}, thermomètre de détresse {thermometer}.',
  'mh.negative': 'Dépistage négatif : total des items 1 à 14 {score}, thermomètre de détresse {thermometer}.',
  'mh.assessment': 'Évaluation du médecin',
  'mh.disorder': 'Trouble physique ou mental diagnostiqué (vide s’il n’y en a pas)',
  'mh.disorder_hint': 'Avec un comportement dangereux, les règles américaines donnent la classe A ; sans, la classe B.',
  'mh.harmful': 'Comportement dangereux (actuel, ou passé et susceptible de se reproduire)',
  'mh.harmful_required': 'Indiquez s’il y a un comportement dangereux.',
  'mh.harmful_details': 'Comportement dangereux : quoi, quand',
  'mh.referral': 'Orientation (obligatoire si le dépistage est positif)',
};
