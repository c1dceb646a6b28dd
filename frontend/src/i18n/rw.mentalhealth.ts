// Ikinyarwanda: isuzuma ry'ubuzima bwo mu mutwe (RHS-15) n'isesengura rya muganga.
import type { enMentalHealth } from './en.mentalhealth';

export const rwMentalHealth: Record<keyof typeof enMentalHealth, string> = {
  'mh.title': 'Ubuzima bwo mu mutwe (isuzuma RHS-15)',
  'mh.language': 'Ururimi isuzuma ribazwamo',
  'mh.interpreter': 'Byabajijwe hifashishijwe umusemuzi',
  'mh.items_caption': 'Ibibazo 1–14 bya RHS-15: uko buri kimwe cyamubangamiye mu kwezi gushize',
  'mh.item': 'Ikibazo',
  'mh.answer': 'Igisubizo',
  'mh.answer_all': 'Subiza ibibazo 14 byose n’igipimo cy’agahinda.',
  'mh.positive': 'Isuzuma ryerekanye ikibazo: igiteranyo cy’ibibazo 1–14 ni {score}, igipimo cy’agahinda {thermometer}.',
  'mh.negative': 'Isuzuma nta kibazo ryerekanye: igiteranyo cy’ibibazo 1–14 ni {score}, igipimo cy’agahinda {thermometer}.',
  'mh.assessment': 'Isesengura rya muganga',
  'mh.disorder': 'Indwara y’umubiri cyangwa yo mu mutwe yasuzumwe (siga ubusa niba nta yo)',
  'mh.disorder_hint': 'Niba hari imyitwarire ishobora kugira nabi, amategeko ya Amerika atanga icyiciro A; niba nta yo, icyiciro B.',
  'mh.harmful': 'Imyitwarire ishobora kugira nabi (ubu, cyangwa kera kandi ishobora kugaruka)',
  'mh.harmful_required': 'Vuga niba hari imyitwarire ishobora kugira nabi.',
  'mh.harmful_details': 'Imyitwarire ishobora kugira nabi: iki, ryari',
  'mh.referral': 'Kohereza ahandi (ni ngombwa iyo isuzuma ryerekanye ikibazo)',
};
