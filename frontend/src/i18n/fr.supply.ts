// Français : l'approvisionnement en vaccins (lots bas ou bientôt périmés, vaccins que le site ne
// peut pas obtenir en routine) et la date sur la ligne du DS-3025.
import type { enSupply } from './en.supply';

export const frSupply: Record<keyof typeof enSupply, string> = {
  'nav.supply': 'Vaccins en stock',
  'supply.title': 'Approvisionnement en vaccins',
  'supply.alerts_title': 'Stock bas et péremption proche',
  'supply.alerts_hint': 'Les lots de vaccin avec {low} doses restantes ou moins, et ceux qui périment dans les {days} jours (nous sommes le {today}).',
  'supply.low_doses': 'Bas à (doses restantes)',
  'supply.expiring_days': 'Périme dans (jours)',
  'supply.show': 'Afficher',
  'supply.save_thresholds': 'Enregistrer comme seuils du site',
  'supply.thresholds_saved': 'Les seuils du site sont enregistrés.',
  'supply.alerts_none': 'Aucun lot de vaccin n’est bas ni près de sa péremption.',
  'supply.why': 'Pourquoi il est listé',
  'supply.days_left': '{n} jours',
  'supplyflag.expired': 'périmé, doses restantes',
  'supplyflag.expiring': 'périme bientôt',
  'supplyflag.low': 'stock bas',
  'supplyflag.empty': 'vide',
  'supply.unavailable_title': 'Vaccins non disponibles en routine',
  'supply.unavailable_hint':
    'Un vaccin de cette liste est imprimé « Pas disponible en routine » avec sa date sur le DS-3025 de toute personne qui en doit une dose (un motif de dispense générale). Levez-le quand le vaccin revient.',
  'supply.unavailable_none': 'Le site peut obtenir tous les vaccins du DS-3025.',
  'supply.since': 'Depuis',
  'supply.set_by': '{date}, par {who}',
  'supply.note': 'Note',
  'supply.state': 'État',
  'supply.in_force': 'en vigueur',
  'supply.lift': 'Lever',
  'supply.lifted_by': 'Levé le {date} par {who}',
  'supply.cdsi_group': 'groupe de vaccins CDSi',
  'supply.add_title': 'Ajouter un vaccin que le site ne peut pas obtenir',
  'supply.add_submit': 'Marquer non disponible en routine',
  'supply.choose': 'Choisir le vaccin',
  'vx.unavailable_since': 'Pas disponible en routine sur ce site depuis le {date}',
};
