// Français : import des listes de cas.
import type { enIdentity } from './en.identity';

export const frIdentity: Record<keyof typeof enIdentity, string> = {
  'nav.import': 'Importer une liste',
  'imp.title': 'Importer une liste de cas',
  'imp.intro': "Un fichier CSV ou XLSX de l'agence de réinstallation, une personne par ligne. Les colonnes acceptées sont décrites dans le guide d'import (docs/import.md). Prévisualisez d'abord : rien n'est ajouté avant l'import, et un fichier comportant un problème n'ajoute rien.",
  'imp.file': 'Liste de cas (CSV ou XLSX)',
  'imp.preview': 'Prévisualiser',
  'imp.import': 'Importer {n} cas',
  'imp.working': 'Lecture…',
  'imp.summary': '{cases} nouveaux cas ({people} personnes), {unchanged} déjà enregistrés et inchangés.',
  'imp.done': 'Importé : {cases} cas ({people} personnes) ; {unchanged} inchangés.',
  'imp.problems': 'Problèmes ({n}) : corrigez le fichier et prévisualisez à nouveau. Rien n’est importé tant qu’il reste un problème.',
  'imp.line': 'Ligne',
  'imp.column': 'Colonne',
  'imp.message': 'Problème',
  'imp.case': 'Cas',
  'imp.status': 'État',
  'imp.members': 'Personnes',
  'imp.status.new': 'nouveau',
  'imp.status.unchanged': 'déjà enregistré, inchangé',
  'imp.status.refused': 'comporte des problèmes',
  'imp.choose_file': "Choisissez d'abord un fichier.",
};
