// The vaccination history as CDSi judged it: one row per vaccine group (and antigen when they
// differ), one column per dose given. Each cell says its verdict in words and colour; the
// evaluation's reason shows on hover and on keyboard focus, and is the cell's accessible
// description. Doses entered in error and doses left out are listed beneath, struck through.
import { dateTime, label, t } from '../i18n';
import type { Dose } from '../types';
import { type GridCell, doseGrid, splitGroups } from './vaccination';

/** "Dose 2" (CDSi's words) → "2"; anything else as given. */
function doseNo(s: string): string {
  return /(\d+)/.exec(s)?.[1] ?? s;
}

export function origin(d: Dose): string {
  return d.origin === 'clinic' ? t('vx.origin_clinic_short') : t('vx.origin_record_of', { doc: d.source_document || '—' });
}

export function DoseGrid({ doses }: { doses: Dose[] }) {
  const g = doseGrid(doses);
  const split = splitGroups(g.rows);
  const cols = Array.from({ length: g.columns }, (_, i) => i + 1);
  return (
    <div data-testid="vx-history">
      {doses.length === 0 && <p>{t('vx.no_doses')}</p>}
      {g.rows.length > 0 && (
        <div class="vx-scroll">
          <table class="grid vx-grid" data-testid="vx-grid">
            <caption class="sr-only">{t('vx.grid_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('vx.col_group')}</th>
                {cols.map((n) => (
                  <th scope="col" key={n}>{t('vx.dose_n', { n })}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {g.rows.map((r, ri) => (
                <tr key={r.group + r.antigens.join()} data-group={r.group}>
                  <th scope="row">
                    {r.group}
                    {(split.has(r.group) || r.antigens.length > 1 || r.antigens[0] !== r.group) && (
                      <div class="hint">{r.antigens.join(', ')}</div>
                    )}
                  </th>
                  {cols.map((n) => {
                    const c = r.cells[n - 1];
                    return <td key={n}>{c ? <Cell c={c} tip={`vx-tip-${ri}-${n}`} /> : null}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <p class="hint vx-legend">
            <span class="vx-key valid">{label('vxstatus', 'valid')}</span>
            <span class="vx-key not_valid">{label('vxstatus', 'not_valid')}</span>
            <span class="vx-key extraneous">{label('vxstatus', 'extraneous')}</span>
            <span class="vx-key sub_standard">{label('vxstatus', 'sub_standard')}</span>
            {t('vx.legend_focus')}
          </p>
        </div>
      )}
      {g.outside.length > 0 && (
        <>
          <h3>{t('vx.outside')}</h3>
          <ul class="plain vx-outside" data-testid="vx-outside">
            {g.outside.map((d) => (
              <li key={d.id} data-dose={d.id}>
                <del>
                  {d.date} · {d.cvx} {d.vaccine}
                </del>{' '}
                {d.entered_in_error ? (
                  <span>
                    <strong>{t('vx.in_error')}</strong>: {d.entered_in_error.reason}{' '}
                    <span class="hint">— {d.entered_in_error.by}, {dateTime(d.entered_in_error.at)}</span>
                  </span>
                ) : (
                  <span class="field-error">{d.problem || t('vx.not_evaluated')}</span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function Cell({ c, tip }: { c: GridCell; tip: string }) {
  const n = c.doseNumber ? doseNo(c.doseNumber) : '';
  const counted = n ? (c.status === 'valid' ? t('vx.counts_as', { n }) : t('vx.judged_as', { n })) : '';
  const parts = [label('vxstatus', c.status), counted, c.reason, origin(c.dose)].filter(Boolean);
  return (
    <span class={'vx-cell ' + c.status} tabIndex={0} aria-describedby={tip} data-status={c.status} data-dose={c.dose.id}>
      <span class="vx-date">{c.dose.date}</span>
      <span class="vx-name">
        {c.dose.cvx} · {c.dose.vaccine}
      </span>
      <span class="vx-word">{label('vxstatus', c.status)}</span>
      <span role="tooltip" id={tip} class="tip">
        {parts.join(' · ')}
      </span>
    </span>
  );
}
