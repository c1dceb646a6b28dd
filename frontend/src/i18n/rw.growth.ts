// Ikinyarwanda: imikurire y'umwana hakurikijwe ibipimo by'imikurire bya OMS.
import type { enGrowth } from './en.growth';

export const rwGrowth: Record<keyof typeof enGrowth, string> = {
  'growth.title': 'Imikurire (OMS)',
  'growth.caption': 'Z-score na percentile by\'ibipimo byabitswe, hakurikijwe ibipimo by\'imikurire by\'abana bya OMS 2006 (kugeza ku myaka 5) n\'ibipimo ngenderwaho bya OMS 2007 (imyaka 5 kugeza kuri 19)',
  'growth.col_indicator': 'Igipimo',
  'growth.col_measured': 'Icyapimwe',
  'growth.col_z': 'Z-score',
  'growth.col_percentile': 'Percentile',
  'growth.weight_for_age': 'Ibiro ugereranyije n\'imyaka',
  'growth.length_for_age': 'Uburebure (aryamye) ugereranyije n\'imyaka',
  'growth.height_for_age': 'Uburebure ugereranyije n\'imyaka',
  'growth.bmi_for_age_length': 'BMI ugereranyije n\'imyaka (aryamye)',
  'growth.bmi_for_age': 'BMI ugereranyije n\'imyaka',
  'growth.weight_for_length': 'Ibiro ugereranyije n\'uburebure (aryamye)',
  'growth.weight_for_height': 'Ibiro ugereranyije n\'uburebure',
};
