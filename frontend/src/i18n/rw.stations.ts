// Ikinyarwanda: igenzura ry'ibyandikwa n'uburyo bwihuse bwo kwandika.
import type { enStations } from './en.stations';

export const rwStations: Record<keyof typeof enStations, string> = {
  'reg.queue_now': 'Shyira bose ku murongo ubu',
  'reg.same_as_principal': 'Kimwe n’usaba mukuru (ubwenegihugu, aho atuye, ibihugu yabayemo)',
  'reg.country_hint': 'Andika izina ry’igihugu cyangwa kode yacyo',
  'fielderr.required_here': 'Uzuza aha.',
  'fielderr.name_required': 'Andika izina ry’umuryango cyangwa amazina bwite (nibura rimwe).',
  'fielderr.name_latin': 'Andika izina mu nyuguti z’ikilatini (A–Z), nk’uko riri ku cyangombwa cy’urugendo.',
  'fielderr.birth_future': 'Itariki y’amavuko iri nyuma y’uyu munsi.',
  'fielderr.flight_past': 'Itariki yo kugenda iri mbere y’uyu munsi; indege yamaze kugenda.',
  'fielderr.not_a_number': 'Andika umubare (imibare gusa; handitswe inyuguti).',
};
