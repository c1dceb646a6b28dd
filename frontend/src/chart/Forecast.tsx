// What CDSi says is next for each vaccine group: the status in words, the next dose and its
// earliest, recommended and past-due dates. A past-due date already reached is highlighted.
import { label, t } from '../i18n';
import type { Vaccination } from '../types';
import { isPastDue } from './vaccination';

export function Forecast({ v }: { v: Vaccination }) {
  if (v.forecast.length === 0) return <p>{t('vx.no_forecast')}</p>;
  return (
    <div class="vx-scroll">
      <table class="grid vx-forecast" data-testid="vx-forecast">
        <caption class="sr-only">{t('vx.forecast_caption', { date: v.assessed_on })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('vx.col_group')}</th>
            <th scope="col">{t('vx.fc_status')}</th>
            <th scope="col">{t('vx.fc_next')}</th>
            <th scope="col">{t('vx.fc_earliest')}</th>
            <th scope="col">{t('vx.fc_recommended')}</th>
            <th scope="col">{t('vx.fc_past_due')}</th>
            <th scope="col">{t('vx.fc_notes')}</th>
          </tr>
        </thead>
        <tbody>
          {v.forecast.map((f) => {
            const late = isPastDue(f, v.assessed_on);
            return (
              <tr key={f.vaccine_group + f.series_type} data-group={f.vaccine_group} data-status={f.status} class={late ? 'late' : ''}>
                <th scope="row">
                  {f.vaccine_group}
                  {f.series_type && f.series_type !== 'standard' && <div class="hint">{label('vxseries', f.series_type)}</div>}
                </th>
                <td>
                  <span class={'badge ' + (f.status === 'not_complete' ? 'warn' : f.status === 'contraindicated' ? 'bad' : 'ok')}>
                    {label('vxfc', f.status)}
                  </span>
                </td>
                <td>{f.dose_number ? t('vx.dose_n', { n: f.dose_number }) : '—'}</td>
                <td class="nowrap">{f.earliest ?? '—'}</td>
                <td class="nowrap">{f.recommended ?? '—'}</td>
                <td class={'nowrap' + (late ? ' overdue' : '')}>
                  {f.past_due ?? '—'}
                  {late && (
                    <div>
                      <span class="badge bad">{t('vx.overdue')}</span>
                    </div>
                  )}
                </td>
                <td class="hint">
                  {[...f.reasons, ...f.vaccines.map((x) => `${x.cvx} · ${x.name}`)].join('; ') || ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
