// Directly observed therapy (DOT) on the chart: the physician starts a course (regimen, weight,
// first day), the observer ticks today's dose, enters a missed day late (with the time it was
// observed), records adverse events; the calendar shows each day; the physician completes the
// course when every dose is observed (the rules then release the hold). Everything shown comes
// from the course the server holds (docs/dot.md); the server's "today" is the course's today.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import { Problem, fieldError } from '../components/Problem';
import { SelectField, TextArea, TextField } from '../components/fields';
import { dateTime, lang, t } from '../i18n';
import type { Chart } from '../types';
import type { SectionProps } from './ChartPage';
import { useChartPost } from './useChartPost';

type Course = NonNullable<Chart['dot']>;
interface Regimen {
  code: string;
  label: string;
  label_fr: string;
  days: number;
}

export function DotSection(p: SectionProps & { mayStart: boolean; mayObserve: boolean }) {
  const course = p.chart.dot;
  return (
    <section class="card" id="dot" aria-labelledby="dot-h">
      <h2 id="dot-h">{t('dot.title')}</h2>
      {!course && <p data-testid="dot-none">{t('dot.none')}</p>}
      {!course && p.mayStart && <StartForm {...p} />}
      {course && <CourseView {...p} course={course} />}
    </section>
  );
}

function useWrite(p: SectionProps) {
  return useChartPost(p, 'dot');
}

function StartForm(p: SectionProps) {
  const [regimens, setRegimens] = useState<Regimen[]>([]);
  const [regimen, setRegimen] = useState('');
  const [weight, setWeight] = useState('');
  const [startOn, setStartOn] = useState('');
  const [reason, setReason] = useState('');
  const { error, busy, write } = useWrite(p);
  useEffect(() => {
    api.get<{ regimens: Regimen[] }>('/dot/regimens').then((r) => {
      setRegimens(r.regimens);
      if (r.regimens.length > 0) setRegimen(r.regimens[0].code);
    }).catch(() => setRegimens([]));
  }, []);
  const errs = error?.errors;
  return (
    <form
      class="dot-start"
      onSubmit={(e) => {
        e.preventDefault();
        void write('', { regimen, weight_kg: weight === '' ? 0 : Number(weight), start_on: startOn, reason });
      }}
    >
      <SelectField id="dot-regimen" label={t('dot.regimen')} value={regimen} onChange={setRegimen} required error={fieldError(errs, 'regimen')}
        options={regimens.map((r) => ({ value: r.code, label: `${lang() === 'fr' && r.label_fr ? r.label_fr : r.label} (${t('dot.days', { n: r.days })})` }))} />
      <TextField id="dot-weight" type="number" step="0.1" label={t('dot.weight')} hint={t('dot.weight_hint')} value={weight} onInput={setWeight} error={fieldError(errs, 'weight_kg')} size="short" />
      <TextField id="dot-start" type="date" label={t('dot.start_on')} value={startOn} onInput={setStartOn} required error={fieldError(errs, 'start_on')} />
      <TextArea id="dot-reason" label={t('dot.reason')} hint={t('dot.reason_hint')} value={reason} onInput={setReason} error={fieldError(errs, 'reason')} />
      {error && <Problem error={error} />}
      <button type="submit" disabled={busy}>{t('dot.start')}</button>
    </form>
  );
}

function CourseView(p: SectionProps & { course: Course; mayStart: boolean; mayObserve: boolean }) {
  const c = p.course;
  const { error, busy, write } = useWrite(p);
  const today = c.calendar.find((d) => d.day === c.today);
  const active = c.status === 'active';
  const owed = c.doses_needed - c.observed;
  const pct = c.doses_needed > 0 ? Math.round((100 * c.observed) / c.doses_needed) : 0;
  return (
    <div>
      <dl class="facts">
        <dt>{t('dot.regimen')}</dt>
        <dd data-testid="dot-regimen">{c.regimen}</dd>
        <dt>{t('dot.weight')}</dt>
        <dd>{c.weight_kg} kg ({c.basis})</dd>
        <dt>{t('dot.period')}</dt>
        <dd>{t('dot.period_text', { start: c.start_on, end: c.planned_end, expected: c.expected_end })}</dd>
        <dt>{t('dot.status')}</dt>
        <dd data-testid="dot-status">{active ? t('dot.status_active') : t('dot.status_completed', { on: c.completed_on ?? '', by: c.completed_by ?? '' })}</dd>
      </dl>
      <label for="dot-progress">{t('dot.progress', { observed: c.observed, needed: c.doses_needed })}</label>{' '}
      <progress id="dot-progress" data-testid="dot-progress" max={c.doses_needed} value={c.observed}>{pct} %</progress>
      <table class="grid" data-testid="dot-drugs">
        <caption>{t('dot.drugs')}</caption>
        <thead>
          <tr><th scope="col">{t('dot.phase')}</th><th scope="col">{t('dot.product')}</th><th scope="col">{t('dot.dose')}</th><th scope="col">{t('dot.days_col')}</th></tr>
        </thead>
        <tbody>
          {c.drugs.map((d) => (
            <tr key={d.phase + d.drug}>
              <td>{d.phase}</td><td>{d.product}</td><td>{d.dose} {d.unit}</td><td>{d.from_day}–{d.to_day}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">{t('dot.source', { doc: c.source.doc })}</p>
      {c.missed.length > 0 && (
        <div class="alert warn" role="note" data-testid="dot-missed">
          {t('dot.missed', { n: c.missed.length, days: c.missed.slice(-7).join(', ') })}
        </div>
      )}
      {p.mayObserve && active && today && today.status === 'due' && (
        <button type="button" data-testid="dot-observe-today" disabled={busy} onClick={() => void write('/doses', { day: c.today, observed_at: '' })}>
          {t('dot.observe_today', { day: c.today })}
        </button>
      )}
      {p.mayObserve && active && today?.status === 'observed' && <p data-testid="dot-today-done">{t('dot.today_done', { day: c.today })}</p>}
      {p.mayObserve && active && c.missed.length > 0 && <LateForm missed={c.missed} busy={busy} write={write} errors={error?.errors} />}
      {error && <Problem error={error} />}
      <Calendar course={c} />
      <Events course={c} />
      {p.mayObserve && active && <EventForm {...p} />}
      {c.followups.length > 0 && (
        <>
          <h3>{t('dot.followups')}</h3>
          <ul class="plain" data-testid="dot-followups">
            {c.followups.map((f) => <li key={f.due}>{f.due}: {f.what}</li>)}
          </ul>
        </>
      )}
      {p.mayStart && active && (
        <p>
          <button type="button" data-testid="dot-complete" disabled={busy || owed > 0} onClick={() => void write('/complete', {})}>
            {t('dot.complete')}
          </button>{' '}
          {owed > 0 && <span class="muted">{t('dot.owed', { n: owed })}</span>}
        </p>
      )}
    </div>
  );
}

function LateForm(p: { missed: string[]; busy: boolean; write: (path: string, b: Record<string, unknown>) => Promise<boolean>; errors?: ApiError['errors'] }) {
  const [day, setDay] = useState(p.missed[p.missed.length - 1]);
  const [time, setTime] = useState('');
  const [note, setNote] = useState('');
  useEffect(() => {
    if (!p.missed.includes(day)) setDay(p.missed[p.missed.length - 1]);
  }, [p.missed.join(',')]);
  return (
    <form
      class="dot-late"
      aria-label={t('dot.late_title')}
      onSubmit={async (e) => {
        e.preventDefault();
        // The time is the observer's local time on that day.
        const at = time ? new Date(`${day}T${time}`).toISOString() : '';
        if (await p.write('/doses', { day, observed_at: at, note })) {
          setTime('');
          setNote('');
        }
      }}
    >
      <h3>{t('dot.late_title')}</h3>
      <SelectField id="dot-late-day" label={t('dot.late_day')} value={day} onChange={setDay} options={p.missed.map((d) => ({ value: d, label: d }))} error={fieldError(p.errors, 'day')} />
      <TextField id="dot-late-time" type="text" label={t('dot.late_time')} hint="HH:MM" value={time} onInput={setTime} required error={fieldError(p.errors, 'observed_at')} size="short" />
      <TextField id="dot-late-note" label={t('dot.note')} value={note} onInput={setNote} />
      <button type="submit" disabled={p.busy}>{t('dot.late_save')}</button>
    </form>
  );
}

function Calendar({ course }: { course: Course }) {
  // The last five weeks; older days are summed up in the progress and the missed list.
  const days = course.calendar.filter((d) => d.day <= course.today).slice(-35);
  return (
    <table class="grid dot-calendar" data-testid="dot-calendar">
      <caption>{t('dot.calendar')}</caption>
      <thead>
        <tr><th scope="col">{t('dot.day')}</th><th scope="col">{t('dot.dose_status')}</th><th scope="col">{t('dot.observed_by')}</th></tr>
      </thead>
      <tbody>
        {days.slice().reverse().map((d) => (
          <tr key={d.day} data-day={d.day} data-status={d.status}>
            <th scope="row">{d.day}</th>
            <td>{t(`dot.day_${d.status}` as 'dot.day_observed')}{d.late ? ` (${t('dot.late')})` : ''}</td>
            <td>{d.observed_by ? `${d.observed_by}, ${dateTime(d.observed_at ?? '')}` : ''}{d.note ? ` — ${d.note}` : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Events({ course }: { course: Course }) {
  if (course.adverse_events.length === 0) return <p class="muted" data-testid="dot-no-events">{t('dot.no_events')}</p>;
  return (
    <ul class="plain" data-testid="dot-events">
      {course.adverse_events.map((e) => (
        <li key={e.recorded_at}>
          {e.day}: {t(`dot.sev_${e.severity}` as 'dot.sev_mild')} — {e.description}{e.action ? ` (${e.action})` : ''}; {e.recorded_by}
        </li>
      ))}
    </ul>
  );
}

function EventForm(p: SectionProps) {
  const c = p.chart.dot!;
  const [severity, setSeverity] = useState('mild');
  const [description, setDescription] = useState('');
  const [action, setAction] = useState('');
  const { error, busy, write } = useWrite(p);
  return (
    <details>
      <summary>{t('dot.event_title')}</summary>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (await write('/adverse-events', { day: c.today, severity, description, action })) {
            setDescription('');
            setAction('');
          }
        }}
      >
        <SelectField id="dot-ev-severity" label={t('dot.severity')} value={severity} onChange={setSeverity} error={fieldError(error?.errors, 'severity')}
          options={['mild', 'moderate', 'severe'].map((s) => ({ value: s, label: t(`dot.sev_${s}` as 'dot.sev_mild') }))} />
        <TextArea id="dot-ev-description" label={t('dot.description')} value={description} onInput={setDescription} required error={fieldError(error?.errors, 'description')} />
        <TextField id="dot-ev-action" label={t('dot.action')} value={action} onInput={setAction} />
        {error && <Problem error={error} />}
        <button type="submit" disabled={busy}>{t('dot.event_save')}</button>
      </form>
    </details>
  );
}
