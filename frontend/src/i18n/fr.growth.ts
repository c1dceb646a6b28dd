// Français : la croissance de l'enfant selon les normes et la référence de croissance de l'OMS.
import type { enGrowth } from './en.growth';

export const frGrowth: Record<keyof typeof enGrowth, string> = {
  'growth.title': 'Croissance (OMS)',
  'growth.caption': 'Score z et percentile des mesures enregistrées, selon les normes de croissance de l\'enfant de l\'OMS 2006 (jusqu\'à 5 ans) et la référence de croissance OMS 2007 (5 à 19 ans)',
  'growth.col_indicator': 'Indicateur',
  'growth.col_measured': 'Mesure',
  'growth.col_z': 'Score z',
  'growth.col_percentile': 'Percentile',
  'growth.weight_for_age': 'Poids pour l\'âge',
  'growth.length_for_age': 'Longueur pour l\'âge',
  'growth.height_for_age': 'Taille pour l\'âge',
  'growth.bmi_for_age_length': 'IMC pour l\'âge (longueur)',
  'growth.bmi_for_age': 'IMC pour l\'âge',
  'growth.weight_for_length': 'Poids pour la longueur',
  'growth.weight_for_height': 'Poids pour la taille',
};
