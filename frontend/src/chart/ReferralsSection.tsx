// Specialist referrals on the chart: each referral as recorded (specialty, reason, facility,
// urgency, due day, the rule that asked for it, whether it holds the sign-off) and its report;
// the physician refers and records the specialist's report (text, and the PDF when one came).
import { useState } from 'preact/hooks';
import { Problem, fieldError } from '../components/Problem';
import { Checkbox, SelectField, TextArea, TextField } from '../components/fields';
import { dateTime, t } from '../i18n';
import type { Referral } from '../types';
import type { SectionProps } from './ChartPage';
import { useChartPost } from './useChartPost';
import { askedByRules } from './referralsAsked';

export function ReferralsSection(p: SectionProps & { mayRefer: boolean }) {
  const refs = p.chart.referrals ?? [];
  return (
    <section class="card" id="referrals" aria-labelledby="ref-h">
      <h2 id="ref-h">{t('ref.title')}</h2>
      {refs.length === 0 && <p data-testid="ref-none">{t('ref.none')}</p>}
      {refs.map((r) => <ReferralView key={r.id} {...p} r={r} />)}
      {p.mayRefer && <ReferForm {...p} />}
    </section>
  );
}

function useWrite(p: SectionProps) {
  return useChartPost(p, 'referrals');
}

function ReferralView(p: SectionProps & { r: Referral; mayRefer: boolean }) {
  const r = p.r;
  return (
    <div class="referral" data-testid="referral" data-status={r.status}>
      <h3>{r.specialty} — {t(`ref.status_${r.status}` as 'ref.status_open')}</h3>
      <dl class="facts">
        <dt>{t('ref.reason')}</dt>
        <dd>{r.reason}</dd>
        <dt>{t('ref.facility')}</dt>
        <dd>{r.facility || t('ref.not_recorded')}</dd>
        <dt>{t('ref.urgency')}</dt>
        <dd>{t(`ref.urg_${r.urgency}` as 'ref.urg_routine')}</dd>
        <dt>{t('ref.due_on')}</dt>
        <dd>{r.due_on}</dd>
        <dt>{t('ref.rule')}</dt>
        <dd>{r.rule || t('ref.own_decision')}</dd>
        <dt>{t('ref.by')}</dt>
        <dd>{r.created_by}, {dateTime(r.created_at)}</dd>
      </dl>
      {r.blocks_signoff && r.status === 'open' && <p class="alert warn" role="note">{t('ref.blocks')}</p>}
      {r.status === 'answered' && (
        <div data-testid="ref-report">
          <p>{t('ref.answered', { by: r.answered_by, at: dateTime(r.answered_at ?? '') })}</p>
          <p class="report-text">{r.report}</p>
          {r.has_pdf && <a href={`/api/referrals/${encodeURIComponent(r.id)}/report.pdf`} target="_blank" rel="noopener">{t('ref.pdf')}</a>}
        </div>
      )}
      {r.status === 'open' && p.mayRefer && <AnswerForm {...p} />}
    </div>
  );
}

function AnswerForm(p: SectionProps & { r: Referral }) {
  const [report, setReport] = useState('');
  const [pdf, setPdf] = useState('');
  const { error, busy, write } = useWrite(p);
  const id = `ref-${p.r.id.slice(0, 8)}`;
  return (
    <form
      aria-label={t('ref.answer_title', { specialty: p.r.specialty })}
      onSubmit={(e) => {
        e.preventDefault();
        void write(`/${encodeURIComponent(p.r.id)}/answer`, { report, pdf });
      }}
    >
      <TextArea id={`${id}-report`} label={t('ref.report')} value={report} onInput={setReport} required error={fieldError(error?.errors, 'report')} />
      <div class="field">
        <label for={`${id}-pdf`}>{t('ref.pdf_upload')}</label>
        <input
          id={`${id}-pdf`}
          type="file"
          accept="application/pdf"
          onChange={async (e) => {
            const f = (e.currentTarget as HTMLInputElement).files?.[0];
            if (!f) return setPdf('');
            const bytes = new Uint8Array(await f.arrayBuffer());
            let bin = '';
            for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
            setPdf(btoa(bin));
          }}
        />
        {fieldError(error?.errors, 'pdf') && <span class="field-error" role="alert">{fieldError(error?.errors, 'pdf')}</span>}
      </div>
      {error && <Problem error={error} />}
      <button type="submit" disabled={busy}>{t('ref.answer_save')}</button>
    </form>
  );
}

function ReferForm(p: SectionProps) {
  // A report the rules require opens the form with its specialty and rule filled in, so the
  // referral counts for the rule's step.
  const asked = askedByRules(p.chart.plan);
  const [specialty, setSpecialty] = useState(asked?.specialty ?? '');
  const [reason, setReason] = useState('');
  const [facility, setFacility] = useState('');
  const [urgency, setUrgency] = useState('routine');
  const [due, setDue] = useState('');
  const [rule, setRule] = useState(asked?.rule ?? '');
  const [blocks, setBlocks] = useState(asked !== null);
  const { error, busy, write } = useWrite(p);
  const errs = error?.errors;
  return (
    <details open={asked !== null}>
      <summary>{t('ref.new')}</summary>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (await write('', { specialty, reason, facility, urgency, due_on: due, rule, blocks_signoff: blocks })) {
            setSpecialty('');
            setReason('');
            setFacility('');
            setDue('');
            setRule('');
            setBlocks(false);
          }
        }}
      >
        <TextField id="ref-specialty" label={t('ref.specialty')} value={specialty} onInput={setSpecialty} required error={fieldError(errs, 'specialty')} />
        <TextArea id="ref-reason" label={t('ref.reason')} value={reason} onInput={setReason} required error={fieldError(errs, 'reason')} />
        <TextField id="ref-facility" label={t('ref.facility')} value={facility} onInput={setFacility} error={fieldError(errs, 'facility')} />
        <SelectField id="ref-urgency" label={t('ref.urgency')} value={urgency} onChange={setUrgency} error={fieldError(errs, 'urgency')}
          options={['routine', 'urgent'].map((u) => ({ value: u, label: t(`ref.urg_${u}` as 'ref.urg_routine') }))} />
        <TextField id="ref-due" type="date" label={t('ref.due_on')} value={due} onInput={setDue} required error={fieldError(errs, 'due_on')} />
        <TextField id="ref-rule" label={t('ref.rule')} hint={t('ref.rule_hint')} value={rule} onInput={setRule} error={fieldError(errs, 'rule')} />
        <Checkbox id="ref-blocks" label={t('ref.blocks_label')} checked={blocks} onChange={setBlocks} />
        {error && <Problem error={error} />}
        <button type="submit" disabled={busy}>{t('ref.save')}</button>
      </form>
    </details>
  );
}
