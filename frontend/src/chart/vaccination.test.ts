import { describe, expect, it } from 'vitest';
import type { Dose, DoseEvaluation, Vaccination, VaccineForecast } from '../types';
import { doseGrid, isPastDue, isUnspecified, offeredVaccines, resolveCvx, splitGroups, vaccineChoices } from './vaccination';

function dose(id: string, date: string, cvx: string, vaccine: string, evaluations: DoseEvaluation[], inError = false): Dose {
  return {
    id, date, cvx, vaccine, mvx: '', manufacturer: '', lot: '', site: '', route: '', origin: 'record', source_document: 'card', batch_id: '',
    assessment_id: 'a1', recorded_by: 'Nurse', recorded_at: '2026-01-01T08:00:00Z',
    entered_in_error: inError ? { reason: 'The brother’s card', by: 'Nurse', at: '2026-01-01T09:00:00Z' } : null, evaluations,
  };
}

const ev = (group: string, antigen: string, status: string, n: string, reason = ''): DoseEvaluation =>
  ({ vaccine_group: group, antigen, status, reason, dose_number: n, series: antigen + ' standard series' });

const dtap = (n: string, status = 'valid', pertussis = status) => [
  ev('DTaP/Tdap/Td', 'Diphtheria', status, n), ev('DTaP/Tdap/Td', 'Tetanus', status, n), ev('DTaP/Tdap/Td', 'Pertussis', pertussis, n),
];

describe('doseGrid', () => {
  it('merges antigens judged alike, one column per dose, doses in error aside', () => {
    const g = doseGrid([
      dose('d1', '2023-01-14', '20', 'DTaP', dtap('Dose 1')),
      dose('m1', '2023-11-14', '03', 'MMR', [ev('MMR', 'Measles', 'valid', 'Dose 1'), ev('MMR', 'Mumps', 'valid', 'Dose 1'), ev('MMR', 'Rubella', 'valid', 'Dose 1')]),
      dose('d2', '2023-02-01', '20', 'DTaP', dtap('Dose 2', 'not_valid')),
      dose('x', '2024-01-01', '21', 'Varicella', [], true),
    ]);
    expect(g.rows.map((r) => [r.group, r.antigens.join('+'), r.cells.map((c) => c.status).join(',')])).toEqual([
      ['DTaP/Tdap/Td', 'Diphtheria+Pertussis+Tetanus', 'valid,not_valid'],
      ['MMR', 'Measles+Mumps+Rubella', 'valid'],
    ]);
    expect(g.columns).toBe(2);
    expect(g.outside.map((d) => d.id)).toEqual(['x']);
    expect(splitGroups(g.rows).size).toBe(0);
  });

  it('splits a group when one antigen is judged differently', () => {
    const g = doseGrid([dose('d1', '2023-01-14', '20', 'DTaP', dtap('Dose 1')), dose('d2', '2023-02-01', '20', 'DTaP', dtap('Dose 2', 'valid', 'not_valid'))]);
    expect(g.rows.map((r) => r.antigens.join('+'))).toEqual(['Diphtheria+Tetanus', 'Pertussis']);
    expect([...splitGroups(g.rows)]).toEqual(['DTaP/Tdap/Td']);
  });
});

describe('vaccine choices', () => {
  const v: Vaccination = {
    assessed_on: '2026-11-24',
    doses: [dose('d1', '2023-01-14', '20', 'DTaP', dtap('Dose 1')), dose('x', '2024-01-01', '21', 'Varicella', [], true)],
    forecast: [{ vaccine_group: 'Pneumococcal', series_type: 'standard', status: 'not_complete', dose_number: '1', earliest: null,
      recommended: null, past_due: null, latest: null, reasons: [], vaccines: [{ cvx: '215', name: 'PCV 15' }, { cvx: '216', name: 'PCV 20' }] }],
    ds3025: { rules_version: '2009-12-14', rules_title: 'US', data_version: 'CDSi supporting data 4.64 (508)', sources: [], requirements_met: false, lines: [
      { key: 'pcv', vaccine: 'PCV', vaccine_group: 'Pneumococcal', status: 'give_today', reason_code: '', reason: '', give_today: true,
        give_vaccines: [{ cvx: '216', name: 'PCV 20' }], given_at_exam: false, next_due: null, doses: [], source: '', unavailable_since: null },
    ] },
  };

  it('lists today’s products first, then the forecast’s, then the history’s, once each; never a dose in error', () => {
    expect(vaccineChoices(v).map((c) => `${c.cvx}:${c.from}`)).toEqual(['216:today', '215:forecast', '20:history']);
    expect(vaccineChoices(null)).toEqual([]);
  });

  it('reads a typed code, "code — name" or an exact name', () => {
    const choices = vaccineChoices(v);
    expect(resolveCvx(' 08 ', choices)).toBe('08');
    expect(resolveCvx('216 — PCV 20', choices)).toBe('216');
    expect(resolveCvx('dtap', choices)).toBe('20');
    expect(resolveCvx('measles', choices)).toBeNull();
    expect(resolveCvx('', choices)).toBeNull();
  });

  const list = [
    { cvx: '03', name: 'MMR', unspecified: false },
    { cvx: '20', name: 'DTaP', unspecified: false },
    { cvx: '107', name: 'DTaP, unspecified formulation', unspecified: true },
    { cvx: '216', name: 'Pneumococcal conjugate PCV20', unspecified: false },
  ];

  it('offers the named vaccines first, then the rest of the server’s list, once each', () => {
    expect(offeredVaccines(vaccineChoices(v), list, false).map((c) => `${c.cvx}:${c.from}`))
      .toEqual(['216:today', '215:forecast', '20:history', '03:list', '107:list']);
    expect(offeredVaccines([], [], false)).toEqual([]);
  });

  it('leaves out the unspecified codes for a dose given here, wherever they were named', () => {
    const named = [...vaccineChoices(v), { cvx: '107', name: 'DTaP, UF', from: 'forecast' as const }];
    expect(offeredVaccines(named, list, true).map((c) => c.cvx)).toEqual(['216', '215', '20', '03']);
    expect(isUnspecified('107', list)).toBe(true);
    expect(isUnspecified('20', list)).toBe(false);
    expect(resolveCvx('mmr', offeredVaccines(named, list, false))).toBe('03');
  });
});

describe('isPastDue', () => {
  const f = (status: string, past_due: string | null) => ({ status, past_due } as VaccineForecast);
  it('is past due on or after the past-due date, only while the series is not complete', () => {
    expect(isPastDue(f('not_complete', '2023-03-13'), '2026-11-24')).toBe(true);
    expect(isPastDue(f('not_complete', '2026-11-24'), '2026-11-24')).toBe(true);
    expect(isPastDue(f('not_complete', '2027-01-01'), '2026-11-24')).toBe(false);
    expect(isPastDue(f('complete', '2023-03-13'), '2026-11-24')).toBe(false);
    expect(isPastDue(f('not_complete', null), '2026-11-24')).toBe(false);
  });
});
