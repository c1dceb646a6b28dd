// The examination by body system inside the vitals form: one row per system with normal /
// abnormal / not examined as radio buttons (arrow keys move within a row, Tab to the next) and
// the finding beside it; then visual acuity of each eye with and without correction, and hearing.
import { fieldError } from '../components/Problem';
import { SelectField, TextField } from '../components/fields';
import { label, t } from '../i18n';
import type { FieldError } from '../api';
import type { ExamValues } from './exam';
import { hearingResults, ordered, systemStatuses, systems } from './exam';

interface Props {
  v: ExamValues;
  set: (patch: Partial<ExamValues>) => void;
  errors?: FieldError[];
}

export function ExamSystems({ v, set, errors }: Props) {
  const setSystem = (code: string, patch: Partial<{ status: string; finding: string }>) =>
    set({ systems: ordered({ ...v.systems, [code]: { ...(v.systems[code] ?? { status: '', finding: '' }), ...patch } }) });
  const allNormal = () => {
    const next = { ...v.systems };
    for (const s of systems) if (!next[s]?.status) next[s] = { status: 'normal', finding: next[s]?.finding ?? '' };
    set({ systems: ordered(next) });
  };
  const sent = (code: string) => Object.keys(v.systems).filter((s) => v.systems[s].status).indexOf(code);
  return (
    <>
      <table class="grid exam-systems" data-testid="exam-systems">
        <caption>{t('exam.systems')} <span class="hint">— {t('exam.systems_caption')}</span></caption>
        <thead>
          <tr>
            <th scope="col">{t('exam.col_system')}</th>
            <th scope="col">{t('exam.col_result')}</th>
            <th scope="col">{t('exam.col_finding')}</th>
          </tr>
        </thead>
        <tbody>
          {systems.map((code) => {
            const row = v.systems[code] ?? { status: '', finding: '' };
            const i = sent(code);
            const err = i >= 0 ? fieldError(errors, `systems[${i}].finding`) : undefined;
            return (
              <tr key={code} data-system={code}>
                <th scope="row" id={`ex-${code}-h`}>{label('system', code)}</th>
                <td>
                  <div role="radiogroup" aria-labelledby={`ex-${code}-h`} class="inline-radios">
                    {systemStatuses.map((st) => (
                      <label key={st}>
                        <input type="radio" name={`ex-${code}`} id={`ex-${code}-${st}`} checked={row.status === st}
                          onChange={() => setSystem(code, { status: st })} />
                        {t(`exam.${st}` as 'exam.normal')}
                      </label>
                    ))}
                  </div>
                </td>
                <td>
                  <input id={`ex-${code}-finding`} type="text" autoComplete="off" value={row.finding}
                    aria-label={t('exam.finding_of', { system: label('system', code) })}
                    aria-invalid={err ? 'true' : undefined}
                    onInput={(e) => setSystem(code, { finding: (e.currentTarget as HTMLInputElement).value })} />
                  {err && <span class="field-error" role="alert">{err}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" class="secondary" id="ex-all-normal" onClick={allNormal}>{t('exam.all_normal')}</button>
      <fieldset>
        <legend>{t('exam.vision')}</legend>
        <div class="row">
          {(['right_uncorrected', 'left_uncorrected', 'right_corrected', 'left_corrected'] as const).map((k) => (
            <TextField key={k} id={`va-${k}`} size="short" value={v.vision[k]}
              label={t(({ right_uncorrected: 'exam.va_right_unc', left_uncorrected: 'exam.va_left_unc', right_corrected: 'exam.va_right_cor', left_corrected: 'exam.va_left_cor' } as const)[k])}
              onInput={(x) => set({ vision: { ...v.vision, [k]: x } })} error={fieldError(errors, `visual_acuity.${k}`)} />
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('exam.hearing')}</legend>
        <div class="row">
          <SelectField id="hear-right" label={t('exam.hearing_right')} value={v.hearing.right} placeholder={t('common.choose')}
            options={hearingResults.map((h) => ({ value: h, label: label('hearing', h) }))}
            onChange={(x) => set({ hearing: { ...v.hearing, right: x } })} error={fieldError(errors, 'hearing.right')} />
          <SelectField id="hear-left" label={t('exam.hearing_left')} value={v.hearing.left} placeholder={t('common.choose')}
            options={hearingResults.map((h) => ({ value: h, label: label('hearing', h) }))}
            onChange={(x) => set({ hearing: { ...v.hearing, left: x } })} error={fieldError(errors, 'hearing.left')} />
          <TextField id="hear-method" label={t('exam.hearing_method')} value={v.hearing.method}
            onInput={(x) => set({ hearing: { ...v.hearing, method: x } })} error={fieldError(errors, 'hearing.method')} />
        </div>
      </fieldset>
    </>
  );
}
