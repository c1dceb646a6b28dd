// English: travel clearance (what stops travel today, with the earliest day it can clear), the
// checks before departure, and the steps added to the protocols in December 2026. Spread into
// the English catalog, so its keys are catalog keys.
export const enClearance = {
  'clr.title': 'Travel clearance',
  'clr.cleared': 'Nothing in the record stops travel.',
  'clr.blocked': 'Travel is blocked by:',
  'clr.earliest': 'earliest {date}',
  'clr.until': 'The exam serves until {date}.',
  'clr.departure': 'Before departure',
  'clr.window': 'from {from} to {to}',
  'clr.by': 'by {to}',
  'clr.no_flight': 'window set once the flight is known',
  'clr.restriction': 'must not be done in this window',
  'clr.code.outcome_holds_travel': 'Outcome holds travel',
  'clr.code.exam_expires_before_departure': 'Exam expires before the flight',
  'step.dst': 'TB drug-susceptibility test (DST)',
  'step.hepatitis_c': 'Hepatitis C test',
  'step.hiv_counselling': 'HIV counselling',
  'step.pre_departure_screening': 'Pre-departure medical screening',
  'step.departure_health_check': 'Departure health check',
  'step.inz_1262': 'Departure health check (INZ 1262)',
  'step.no_live_vaccines': 'No live vaccine before departure',
};
