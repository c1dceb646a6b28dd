// One family case: its members and their state, "Put in queue", the planned flight, chart links.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import { FlightForm } from '../components/FlightForm';
import { Problem } from '../components/Problem';
import { label, t } from '../i18n';
import { Link } from '../router';
import { can } from '../session';
import type { Case, Member } from '../types';
import { useTitle } from '../useTitle';
import { PersonEdit } from './PersonEdit';
import { PhotoCapture } from '../components/PhotoCapture';
import { ConsentPanel } from '../components/ConsentPanel';

export function fullName(a: { surnames: string; given_names: string }): string {
  return `${a.surnames.toUpperCase()}, ${a.given_names}`;
}

export function CaseView({ id }: { id: string }) {
  const [c, setCase] = useState<Case | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [queueing, setQueueing] = useState(false);
  const [queued, setQueued] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  useTitle(c ? t('case.title', { number: c.case_number }) : t('common.loading'));

  const load = async () => {
    try {
      setCase(await api.get<Case>('/cases/' + encodeURIComponent(id)));
      setError(null);
      return true;
    } catch (e) {
      setError(e as ApiError);
      return false;
    }
  };
  useEffect(() => {
    void load();
  }, [id]);

  if (!c) return error ? <Problem error={error} /> : <p role="status">{t('common.loading')}</p>;
  const unqueued = c.members.filter((m) => !m.assessment_id);
  // A caseworker's view of a case leaves out the registration beyond names, birth dates and
  // file numbers (data minimisation), so those columns go too.
  const registration = c.members.every((m) => typeof m.sex === 'string');

  const queue = async () => {
    setQueueing(true);
    setError(null);
    try {
      await api.post('/cases/' + encodeURIComponent(c.id) + '/queue', undefined, {
        idempotencyKey: `queue-${c.id}-${c.version}`,
      });
      setQueued(true);
      await load();
    } catch (e) {
      setError(e as ApiError);
      if ((e as ApiError).isConflict) await load();
    } finally {
      setQueueing(false);
    }
  };

  // A person whose assessment is signed can be examined again (e.g. the clearance ran out).
  const reexamine = async (m: Member) => {
    if (!window.confirm(t('case.reexamine_confirm', { name: fullName(m) }))) return;
    setError(null);
    try {
      setCase(await api.post<Case>('/applicants/' + encodeURIComponent(m.id) + '/reexamine', undefined, {
        idempotencyKey: `reexamine-${m.id}-${m.assessment_id}`,
      }));
    } catch (e) {
      setError(e as ApiError);
    }
  };

  return (
    <section aria-labelledby="case-h">
      <h1 id="case-h">{t('case.title', { number: c.case_number })}</h1>
      <p class="meta">
        {label('dest', c.destination)} · {label('program', c.program)}
        {c.flight && ' · ' + t('case.flight', { number: c.flight.number, date: c.flight.departure_date })}
      </p>
      <table class="grid">
        <caption class="sr-only">{t('case.members')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('col.name')}</th>
            <th scope="col">{t('col.birth_date')}</th>
            <th scope="col">{t('col.age')}</th>
            {registration && <th scope="col">{t('col.sex')}</th>}
            {registration && <th scope="col">{t('col.relationship')}</th>}
            <th scope="col">{t('col.state')}</th>
            <th scope="col">{t('col.chart')}</th>
            {(can(c, 'update_applicant') || can(c, 'reexamine')) && <th scope="col"><span class="sr-only">{t('forms.actions')}</span></th>}
          </tr>
        </thead>
        <tbody>
          {c.members.map((m) => (
            <MemberRow key={m.id} m={m} registration={registration} chartLinks={can(m, 'read_chart')}
              actions={can(c, 'update_applicant') || can(c, 'reexamine')}
              onEdit={can(m, 'update_applicant') ? () => setEditing(m.id) : undefined}
              onReexamine={can(m, 'reexamine') ? () => reexamine(m) : undefined} />
          ))}
        </tbody>
      </table>
      {can(c, 'queue_case') && (
        <div class="actions">
          <button type="button" onClick={queue} disabled={queueing || unqueued.length === 0}>
            {t('case.queue', { n: unqueued.length })}
          </button>
          <span role="status" aria-live="polite">
            {queued && unqueued.length === 0 ? t('case.queued') : ''}
            {!queued && unqueued.length === 0 ? t('case.all_queued') : ''}
          </span>
        </div>
      )}
      <Problem error={error} />
      {editing && c.members.some((m) => m.id === editing) && (
        <PersonEdit key={editing} a={c.members.find((m) => m.id === editing)!} onSaved={setCase} onReload={load}
          onClose={() => setEditing(null)} />
      )}
      {can(c, 'take_photo') && (
        <section aria-labelledby="photos-h">
          <h2 id="photos-h">{t('photo.title')}</h2>
          {c.members.map((m) => <PhotoCapture key={m.id} applicantId={m.id} name={fullName(m)} />)}
        </section>
      )}
      {can(c, 'read_consent') && (
        <section aria-labelledby="consents-h">
          <h2 id="consents-h">{t('consent.title')}</h2>
          {c.members.map((m) => (
            <ConsentPanel key={m.id} applicantId={m.id} name={fullName(m)} destination={c.destination} canRecord={can(c, 'record_consent')} />
          ))}
        </section>
      )}
      {can(c, 'set_flight') && (
        <FlightForm c={c} onSaved={setCase} onReload={load} />
      )}
    </section>
  );
}

function MemberRow({ m, registration, chartLinks, actions, onEdit, onReexamine }: {
  m: Member; registration: boolean; chartLinks: boolean; actions: boolean; onEdit?: () => void; onReexamine?: () => void;
}) {
  return (
    <tr>
      <td>{fullName(m)}</td>
      <td>
        {m.birth_date}
        {m.birth_date_estimated && <span class="badge" title={t('chart.estimated_long')}> {t('chart.estimated')}</span>}
      </td>
      <td>{m.age_years}</td>
      {registration && <td>{label('sex', m.sex ?? '')}</td>}
      {registration && <td>{label('rel', m.relationship ?? '')}</td>}
      <td>{label('state', m.state)}</td>
      <td>
        {chartLinks && m.assessment_id ? (
          <Link href={'/chart/' + encodeURIComponent(m.assessment_id)}>{t('case.open_chart')}</Link>
        ) : (
          '—'
        )}
      </td>
      {actions && (
        <td>
          {onEdit && (
            <button type="button" class="secondary" onClick={onEdit} aria-label={t('person.edit_of', { name: fullName(m) })}>
              {t('person.edit')}
            </button>
          )}
          {onReexamine && (
            <button type="button" class="secondary" onClick={onReexamine} aria-label={t('case.reexamine_of', { name: fullName(m) })}>
              {t('case.reexamine')}
            </button>
          )}
        </td>
      )}
    </tr>
  );
}
