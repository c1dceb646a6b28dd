// The radiology worklist (chest X-rays to take or read, oldest order first, with the person's
// photo) and one study: the pregnancy question, the reading on the receiving country's form
// (findings as checkboxes, or one grade), a teleradiology report to confirm, and the readings the
// reader may see (a second reader sees none of the first until the final reading).
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, type ListPage } from '../api';
import { Problem } from '../components/Problem';
import { StationIdentity } from '../components/StationIdentity';
import { dateTime, label, t } from '../i18n';
import { Link } from '../router';
import type { Study } from '../types';
import { useTitle } from '../useTitle';

function Photo({ applicantId }: { applicantId: string }) {
  const [missing, setMissing] = useState(false);
  if (missing) return <span class="muted">{t('rx.no_photo')}</span>;
  return (
    <img
      class="thumb"
      width={48}
      height={62}
      alt={t('rx.photo')}
      src={`/api/applicants/${encodeURIComponent(applicantId)}/photo`}
      onError={() => setMissing(true)}
    />
  );
}

export function RadiologyWorklist() {
  useTitle(t('rx.worklist'));
  const [items, setItems] = useState<Study[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    api
      .get<ListPage<Study>>('/imaging')
      .then((p) => setItems(p.items))
      .catch((e) => setError(e as ApiError));
  }, []);
  return (
    <section aria-labelledby="rx-h">
      <h1 id="rx-h">{t('rx.worklist')}</h1>
      <Problem error={error} />
      {items && items.length === 0 && <p>{t('rx.empty')}</p>}
      {items && items.length > 0 && (
        <table class="grid">
          <caption class="sr-only">{t('rx.worklist')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rx.photo')}</th>
              <th scope="col">{t('rx.person')}</th>
              <th scope="col">{t('rx.accession')}</th>
              <th scope="col">{t('rx.status')}</th>
              <th scope="col">{t('rx.ordered')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.id}>
                <td>
                  <Photo applicantId={s.applicant_id} />
                </td>
                <td>
                  <Link href={`/radiology/${s.id}`}>
                    {s.surnames}, {s.given_names}
                  </Link>
                </td>
                <td>{s.accession}</td>
                <td>{label('rx.st', s.status)}</td>
                <td>{dateTime(s.ordered_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function StudyView({ id }: { id: string }) {
  useTitle(t('rx.study'));
  const [study, setStudy] = useState<Study | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [findings, setFindings] = useState<string[]>([]);
  const [grade, setGrade] = useState('');
  const [remarks, setRemarks] = useState('');
  const [reportId, setReportId] = useState('');
  const [consensus, setConsensus] = useState(false);
  const [participants, setParticipants] = useState('');
  const [saved, setSaved] = useState('');

  const load = async () => {
    try {
      setStudy(await api.get<Study>(`/imaging/${encodeURIComponent(id)}`));
    } catch (e) {
      setError(e as ApiError);
    }
  };
  useEffect(() => {
    void load();
  }, [id]);
  if (!study) return <Problem error={error} />;

  const answer = async (a: string) => {
    try {
      setStudy(await api.post<Study>(`/imaging/${encodeURIComponent(id)}/pregnancy`, { version: study.version, answer: a }));
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      const next = await api.post<Study>(`/imaging/${encodeURIComponent(id)}/readings`, {
        version: study.version,
        findings,
        grade,
        remarks,
        report_id: reportId,
        consensus,
        participants,
      });
      setStudy(next);
      setFindings([]);
      setGrade('');
      setRemarks('');
      setReportId('');
      setError(null);
      setSaved(t('rx.saved', { status: label('rx.st', next.status) }));
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const form = study.reading_form;
  const waitingPregnancy = study.pregnancy_asked && study.pregnancy === '';
  const canRead = study.can.includes('record_imaging') && study.status !== 'deferred' && !waitingPregnancy;
  const confirmed = new Set(study.readings.map((r) => r.report_id).filter(Boolean));

  return (
    <section aria-labelledby="study-h">
      <h1 id="study-h">
        {t('rx.study')} {study.accession}
      </h1>
      <div class="row">
        <Photo applicantId={study.applicant_id} />
        <dl>
          <dt>{t('rx.status')}</dt>
          <dd data-testid="study-status">{label('rx.st', study.status)}</dd>
          <dt>{t('rx.why')}</dt>
          <dd>
            {study.reason} ({study.rule}; {study.source})
          </dd>
          <dt>{t('rx.ordered')}</dt>
          <dd>
            {t('common.recorded_by', { by: study.ordered_by, when: dateTime(study.ordered_at) })}
          </dd>
          {study.final && (
            <>
              <dt>{t('rx.final')}</dt>
              <dd data-testid="study-final">{label('rx.result', study.final)}</dd>
            </>
          )}
        </dl>
      </div>
      {study.can.includes('check_identity') && study.status !== 'final' && <StationIdentity assessmentId={study.assessment_id} station="xray" />}
      <Problem error={error} />
      <p role="status" aria-live="polite">
        {saved}
      </p>

      {study.pregnancy_asked && (
        <fieldset>
          <legend>{t('rx.pregnancy')}</legend>
          {study.pregnancy ? (
            <p>{label('rx.preg', study.pregnancy)}</p>
          ) : (
            <p>{t('rx.pregnancy_needed')}</p>
          )}
          {study.status !== 'final' && study.readings.length === 0 && study.hidden_readings === 0 && (
            <div class="actions">
              {['not_pregnant', 'shield', 'defer'].map((a) => (
                <button type="button" class="secondary" key={a} onClick={() => void answer(a)}>
                  {label('rx.preg', a)}
                </button>
              ))}
            </div>
          )}
        </fieldset>
      )}

      <h2>{t('rx.readings')}</h2>
      {study.hidden_readings > 0 && <p class="alert info">{t('rx.blind', { n: study.hidden_readings })}</p>}
      {study.readings.length === 0 && study.hidden_readings === 0 && <p>{t('rx.no_readings')}</p>}
      <ul>
        {study.readings.map((r) => (
          <li key={r.seq}>
            {label('rx.kind', r.kind)}: {label('rx.result', r.result)}
            {r.findings.length > 0 && ' (' + r.findings.map((f) => form.findings.find((x) => x.code === f)?.label ?? f).join('; ') + ')'}
            {' — '}
            {r.reader}
            {r.reported_by ? ' / ' + r.reported_by : ''}, {dateTime(r.read_at)}
            {r.remarks && <div class="detail">{r.remarks}</div>}
          </li>
        ))}
      </ul>

      {study.reports.length > 0 && (
        <>
          <h2>{t('rx.reports')}</h2>
          {study.reports.map((r) => (
            <article key={r.id} class="card">
              <p>
                {t('rx.report_by', { reader: r.reader || t('rx.unknown_reader'), when: dateTime(r.read_at), status: r.status })}
              </p>
              <pre>{r.report}</pre>
              {canRead && r.status !== 'P' && !confirmed.has(r.id) && (
                <label>
                  <input type="radio" name="report" checked={reportId === r.id} onChange={() => setReportId(r.id)} />{' '}
                  {t('rx.confirm_report')}
                </label>
              )}
            </article>
          ))}
        </>
      )}

      {canRead && (
        <form onSubmit={submit}>
          <h2>{form.title}</h2>
          {form.kind === 'findings' ? (
            <fieldset>
              <legend>{t('rx.findings', { form: form.form })}</legend>
              {form.findings.map((f) => (
                <label key={f.code} class="check">
                  <input
                    type="checkbox"
                    checked={findings.includes(f.code)}
                    onChange={(e) =>
                      setFindings(
                        (e.currentTarget as HTMLInputElement).checked ? [...findings, f.code] : findings.filter((x) => x !== f.code),
                      )
                    }
                  />{' '}
                  {f.label}
                </label>
              ))}
              <p class="muted">{t('rx.none_normal')}</p>
            </fieldset>
          ) : (
            <fieldset>
              <legend>{t('rx.grade', { form: form.form })}</legend>
              {form.grades.map((g) => (
                <label key={g.result} class="check">
                  <input type="radio" name="grade" checked={grade === g.result} onChange={() => setGrade(g.result)} /> {g.label}
                </label>
              ))}
            </fieldset>
          )}
          <label>
            {t('rx.remarks')}
            <textarea value={remarks} onInput={(e) => setRemarks((e.currentTarget as HTMLTextAreaElement).value)} />
          </label>
          {study.status === 'third_read' && (
            <fieldset>
              <legend>{t('rx.third')}</legend>
              <label class="check">
                <input type="checkbox" checked={consensus} onChange={(e) => setConsensus((e.currentTarget as HTMLInputElement).checked)} />{' '}
                {t('rx.consensus')}
              </label>
              {consensus && (
                <label>
                  {t('rx.participants')}
                  <input value={participants} onInput={(e) => setParticipants((e.currentTarget as HTMLInputElement).value)} />
                </label>
              )}
            </fieldset>
          )}
          <p class="muted">
            {t('rx.source', { doc: form.source.doc, section: form.source.section })}
          </p>
          <button type="submit">{t('rx.save_reading')}</button>
        </form>
      )}
    </section>
  );
}
