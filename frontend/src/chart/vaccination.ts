// The vaccination section's rules, kept apart from the screens so they can be tested: the dose
// grid (one row per vaccine group and antigen, one column per dose given), the vaccine choices
// the API offers, and what counts as past due.
import type { Dose, DoseEvaluation, Vaccination, Vaccine, VaccineForecast, VaccineListItem } from '../types';

/** One dose as one antigen of it was judged. */
export interface GridCell {
  dose: Dose;
  status: DoseEvaluation['status'];
  reason: string;
  /** The target dose it counted for ("Dose 2"), as CDSi names it. */
  doseNumber: string;
}

export interface GridRow {
  group: string;
  /** Antigens whose verdicts are the same dose for dose (diphtheria, tetanus, pertussis). */
  antigens: string[];
  cells: GridCell[];
}

export interface DoseGrid {
  rows: GridRow[];
  /** The widest row: the number of dose columns. */
  columns: number;
  /** Doses entered in error, and doses the evaluation left out (dated before birth). */
  outside: Dose[];
}

/**
 * The grid of a history. Doses keep the API's order (by date); each evaluation of a dose lands in
 * its group's antigen row. Antigens of one group judged the same way on every dose share a row,
 * so DTaP shows once rather than three times.
 */
export function doseGrid(doses: Dose[]): DoseGrid {
  const byAntigen = new Map<string, { group: string; antigen: string; cells: GridCell[] }>();
  const outside: Dose[] = [];
  for (const d of doses) {
    if (d.entered_in_error || d.evaluations.length === 0) {
      outside.push(d);
      continue;
    }
    for (const e of d.evaluations) {
      const key = e.vaccine_group + '\u0000' + e.antigen;
      let row = byAntigen.get(key);
      if (!row) {
        row = { group: e.vaccine_group, antigen: e.antigen, cells: [] };
        byAntigen.set(key, row);
      }
      row.cells.push({ dose: d, status: e.status, reason: e.reason, doseNumber: e.dose_number });
    }
  }
  const merged = new Map<string, GridRow>();
  for (const r of byAntigen.values()) {
    const signature = r.group + '\u0000' + JSON.stringify(r.cells.map((c) => [c.dose.id, c.status, c.reason, c.doseNumber]));
    const row = merged.get(signature);
    if (row) row.antigens.push(r.antigen);
    else merged.set(signature, { group: r.group, antigens: [r.antigen], cells: r.cells });
  }
  const rows = [...merged.values()].sort((a, b) => a.group.localeCompare(b.group) || a.antigens[0].localeCompare(b.antigens[0]));
  rows.forEach((r) => r.antigens.sort((a, b) => a.localeCompare(b)));
  return { rows, columns: Math.max(0, ...rows.map((r) => r.cells.length)), outside };
}

/** Whether a group has rows of its own for several antigens (then each row names its antigens). */
export function splitGroups(rows: GridRow[]): Set<string> {
  const count = new Map<string, number>();
  for (const r of rows) count.set(r.group, (count.get(r.group) ?? 0) + 1);
  return new Set([...count].filter(([, n]) => n > 1).map(([g]) => g));
}

export interface VaccineChoice extends Vaccine {
  /**
   * Where the API named it: due today on the DS-3025, the forecast's next dose, the history, or
   * only the list of every vaccine (GET /api/vaccines).
   */
  from: 'today' | 'forecast' | 'history' | 'list';
}

/**
 * The vaccines the API names for this person: the DS-3025's products for today, the forecast's
 * products for the next dose, and the products already in the history.
 */
export function vaccineChoices(v: Vaccination | null | undefined): VaccineChoice[] {
  if (!v) return [];
  const out = new Map<string, VaccineChoice>();
  const add = (x: Vaccine, from: VaccineChoice['from']) => {
    if (x.cvx && !out.has(x.cvx)) out.set(x.cvx, { cvx: x.cvx, name: x.name || x.cvx, from });
  };
  for (const l of v.ds3025?.lines ?? []) if (l.give_today) l.give_vaccines.forEach((x) => add(x, 'today'));
  for (const f of v.forecast) f.vaccines.forEach((x) => add(x, 'forecast'));
  for (const d of v.doses) if (!d.entered_in_error) add({ cvx: d.cvx, name: d.vaccine }, 'history');
  return [...out.values()];
}

/**
 * The vaccines the dose form offers: those named for this person first, then every other code of
 * the server's list. A dose given here (here = true) leaves out the "unspecified formulation"
 * codes, which the server refuses for it. A code typed by hand is still sent as typed.
 */
export function offeredVaccines(named: VaccineChoice[], list: VaccineListItem[], here: boolean): VaccineChoice[] {
  const unspecified = new Set(list.filter((v) => v.unspecified).map((v) => v.cvx));
  const keep = (cvx: string) => !(here && unspecified.has(cvx));
  const out = named.filter((c) => keep(c.cvx));
  const seen = new Set(named.map((c) => c.cvx));
  for (const v of list) {
    if (v.cvx && !seen.has(v.cvx) && keep(v.cvx)) out.push({ cvx: v.cvx, name: v.name || v.cvx, from: 'list' });
  }
  return out;
}

/** Whether the server's list marks a code "unspecified formulation". */
export function isUnspecified(cvx: string, list: VaccineListItem[]): boolean {
  return list.some((v) => v.cvx === cvx && v.unspecified);
}

/**
 * The CVX code a typed vaccine stands for: a code as typed (1 to 3 digits), a choice's code when
 * the text is its name or "code — name", else null.
 */
export function resolveCvx(text: string, choices: Vaccine[]): string | null {
  const s = text.trim();
  if (/^\d{1,3}$/.test(s)) return s;
  const lead = /^(\d{1,3})\s*[—–-]\s*/.exec(s);
  if (lead) return lead[1];
  const lower = s.toLowerCase();
  const hit = choices.filter((c) => c.name.toLowerCase() === lower);
  return hit.length === 1 ? hit[0].cvx : null;
}

/** The name the API gives a code, if it names it anywhere. */
export function vaccineName(cvx: string, choices: Vaccine[]): string {
  return choices.find((c) => c.cvx === cvx.trim())?.name ?? '';
}

/** A next dose is past due once its past-due date is on or before the day the history is judged on. */
export function isPastDue(f: VaccineForecast, assessedOn: string): boolean {
  return f.status === 'not_complete' && !!f.past_due && f.past_due <= assessedOn;
}
