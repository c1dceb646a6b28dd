// English: a child's growth against the WHO growth standards and reference.
export const enGrowth = {
  'growth.title': 'Growth (WHO)',
  'growth.caption': 'Z-score and percentile of the measurements saved, by the WHO Child Growth Standards 2006 (to 5 years) and the WHO Growth Reference 2007 (5 to 19 years)',
  'growth.col_indicator': 'Indicator',
  'growth.col_measured': 'Measured',
  'growth.col_z': 'Z-score',
  'growth.col_percentile': 'Percentile',
  'growth.weight_for_age': 'Weight-for-age',
  'growth.length_for_age': 'Length-for-age',
  'growth.height_for_age': 'Height-for-age',
  'growth.bmi_for_age_length': 'BMI-for-age (length)',
  'growth.bmi_for_age': 'BMI-for-age',
  'growth.weight_for_length': 'Weight-for-length',
  'growth.weight_for_height': 'Weight-for-height',
};
