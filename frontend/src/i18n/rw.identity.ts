// Ikinyarwanda: kwinjiza urutonde rw'amadosiye.
import type { enIdentity } from './en.identity';

export const rwIdentity: Record<keyof typeof enIdentity, string> = {
  'nav.import': "Injiza urutonde",
  'imp.title': "Injiza urutonde rw'amadosiye",
  'imp.intro': "Dosiye ya CSV cyangwa XLSX yaturutse ku kigo gishinzwe gutuza impunzi, umuntu umwe ku murongo. Inkingi zemewe ziri mu mabwiriza yo kwinjiza (docs/import.md). Banza urebe: nta na kimwe cyongerwamo mbere yo kwinjiza, kandi dosiye ifite ikibazo na kimwe nta kintu yongeramo.",
  'imp.file': "Urutonde rw'amadosiye (CSV cyangwa XLSX)",
  'imp.preview': 'Reba mbere',
  'imp.import': 'Injiza amadosiye {n}',
  'imp.working': 'Birasomwa…',
  'imp.summary': 'Amadosiye mashya {cases} (abantu {people}), {unchanged} yari asanzwe yanditswe kandi ntiyahindutse.',
  'imp.done': 'Byinjijwe: amadosiye {cases} (abantu {people}); {unchanged} ntiyahindutse.',
  'imp.problems': 'Ibibazo ({n}): kosora dosiye hanyuma wongere urebe. Nta kintu cyinjizwa igihe hakiri ikibazo.',
  'imp.line': 'Umurongo',
  'imp.column': 'Inkingi',
  'imp.message': 'Ikibazo',
  'imp.case': 'Dosiye',
  'imp.status': 'Uko bimeze',
  'imp.members': 'Abantu',
  'imp.status.new': 'nshya',
  'imp.status.unchanged': 'yari isanzwe, ntiyahindutse',
  'imp.status.refused': 'ifite ibibazo',
  'imp.choose_file': 'Banza uhitemo dosiye.',
};
