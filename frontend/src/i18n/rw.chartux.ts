// Ikinyarwanda: imiterere y'ifishi, ubutumwa bw'imyanya yo kuzuza, imipaka y'ibipimo n'impamvu
// z'urutonde rwa laboratwari.
import type { enChartUx } from './en.chartux';

export const rwChartUx: Record<keyof typeof enChartUx, string> = {
  'sum.label': 'Incamake y’ifishi',
  'sum.flags': 'Ibimenyetso',
  'sum.none': 'nta na kimwe',
  'sum.flag_identity': 'umwirondoro ntuhuye',
  'sum.flag_pregnant': 'aratwite',
  'sum.pending': 'Ibisigaye',
  'sum.nothing_pending': 'nta kisigaye',
  'sum.recorded_by': 'byanditswe na {by}',
  'sum.not_recorded': 'ntibiranditswe',
  'fold.results': 'Andika ibisubizo bya laboratwari n’ibya radiyo',
  'plan.source_open': 'Inkomoko',
  'fielderr.fix_marked': 'Hari imyanya igomba gukosorwa: buri umwe uvuga impamvu.',
  'fielderr.range': 'Andika umubare uri hagati ya {min} na {max}.',
  'fielderr.check_here': 'Reba neza uyu mubare.',
  'vflag.or': 'cyangwa',
  'vflag.sources': 'Aho iyi mipaka ituruka',
  'labw.with_nurse': 'Aracyategereje umuforomo',
  'labw.ready_now': 'Yabonanye n’umuforomo: ibizamini bishobora gufatwa ubu',
  'labw.with_nurse_long': 'Amateka y’uburwayi cyangwa ibipimo ntibiranditswe. Ibisabwa biri hano kuko porotokole isaba ibi bizamini; fata ibizamini igihe umuntu aje muri laboratwari.',
};
