// Ikinyarwanda: uruhushya rwo kugenda, isuzuma mbere yo kugenda n'intambwe zongewemo mu
// Ukuboza 2026.
import type { enClearance } from './en.clearance';

export const rwClearance: Record<keyof typeof enClearance, string> = {
  'clr.title': 'Uruhushya rwo kugenda',
  'clr.cleared': 'Nta kintu kiri mu idosiye kibuza kugenda.',
  'clr.blocked': 'Kugenda bibujijwe na:',
  'clr.earliest': 'hakiri kare ku wa {date}',
  'clr.until': 'Isuzuma rifite agaciro kugeza ku wa {date}.',
  'clr.departure': 'Mbere yo kugenda',
  'clr.window': 'kuva ku wa {from} kugeza ku wa {to}',
  'clr.by': 'bitarenze ku wa {to}',
  'clr.no_flight': 'igihe kizamenyekana indege imaze kumenyekana',
  'clr.restriction': 'ntibigomba gukorwa muri iki gihe',
  'clr.code.outcome_holds_travel': 'Ibisubizo bibuza kugenda',
  'clr.code.exam_expires_before_departure': 'Isuzuma rirarangira mbere y’indege',
  'val.susceptible': 'Imiti irakora',
  'val.resistant': 'Imiti ntikora',
  'hold.culture_pending': 'Bategereje ibisubizo by’igituntu (culture), bizaboneka bitarenze ku wa {date}',
  'hold.culture_pending_nodate': 'Bategereje ibisubizo by’igituntu (culture)',
  'hold.outcome_holds_travel': 'Hakenewe kuvurwa cyangwa gukurikiranwa mbere yo kugenda',
  'hold.departure_check': '{check} guhera ku wa {date}',
  'hold.departure_check_todo': '{check} biracyategerejwe',
  'hold.exam_expires_before_departure': 'Uruhushya rw’ubuzima rurarangira mbere y’indege',
  'step.dst': 'Isuzuma ry’imiti y’igituntu (DST)',
  'step.hepatitis_c': 'Ikizamini cy’umwijima wo mu bwoko bwa C',
  'step.hiv_counselling': 'Inama ku bijyanye na VIH',
  'step.pre_departure_screening': 'Isuzuma ry’ubuzima mbere yo kugenda',
  'step.departure_health_check': 'Isuzuma ry’ubuzima mbere yo kugenda',
  'step.inz_1262': 'Isuzuma ry’ubuzima mbere yo kugenda (INZ 1262)',
  'step.no_live_vaccines': 'Nta rukingo ruzima mbere yo kugenda',
};
