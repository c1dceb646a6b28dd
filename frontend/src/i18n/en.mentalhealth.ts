// English: the mental-health screen (RHS-15) and the physician's assessment.
export const enMentalHealth = {
  'mh.title': 'Mental health (RHS-15 screen)',
  'mh.language': 'Language the screen is asked in',
  'mh.interpreter': 'Asked through an interpreter',
  'mh.items_caption': 'RHS-15 items 1–14: how much each has bothered the person in the past month',
  'mh.item': 'Item',
  'mh.answer': 'Answer',
  'mh.answer_all': 'Answer all 14 items and the distress thermometer.',
  'mh.positive': 'Screen positive: items 1–14 total {score}, distress thermometer {thermometer}.',
  'mh.negative': 'Screen negative: items 1–14 total {score}, distress thermometer {thermometer}.',
  'mh.assessment': 'Physician’s assessment',
  'mh.disorder': 'Physical or mental disorder diagnosed (leave empty when none)',
  'mh.disorder_hint': 'With harmful behaviour the US rules give Class A; without it, Class B.',
  'mh.harmful': 'Harmful behaviour (current, or past and likely to recur)',
  'mh.harmful_required': 'Say whether there is harmful behaviour.',
  'mh.harmful_details': 'Harmful behaviour: what, when',
  'mh.referral': 'Referral (required when the screen is positive)',
};
