// Français : la disposition du dossier, les messages des champs, les seuils des constantes et les
// raisons de la liste du laboratoire.
import type { enChartUx } from './en.chartux';

export const frChartUx: Record<keyof typeof enChartUx, string> = {
  'sum.label': 'Résumé du dossier',
  'sum.flags': 'Alertes',
  'sum.none': 'aucune',
  'sum.flag_identity': 'identité non concordante',
  'sum.flag_pregnant': 'enceinte',
  'sum.pending': 'À faire',
  'sum.nothing_pending': 'plus rien',
  'sum.recorded_by': 'saisi par {by}',
  'sum.not_recorded': 'pas encore saisi',
  'fold.results': 'Saisir les résultats de laboratoire et de radiographie',
  'plan.source_open': 'Source',
  'fielderr.fix_marked': 'Certains champs sont à revoir : chacun dit pourquoi.',
  'fielderr.range': 'Saisissez une valeur de {min} à {max}.',
  'fielderr.check_here': 'Vérifiez cette valeur.',
  'vflag.or': 'ou',
  'vflag.sources': 'D’où viennent ces seuils',
  'labw.with_nurse': 'Attend encore l’infirmier',
  'labw.ready_now': 'Vu par l’infirmier : les prélèvements peuvent être faits maintenant',
  'labw.with_nurse_long': 'Les antécédents ou les constantes ne sont pas encore saisis. Les demandes figurent ici parce que le protocole exige ces examens ; faites les prélèvements quand la personne vient au laboratoire.',
};
