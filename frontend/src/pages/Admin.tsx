// Failed background jobs with a retry button, the way to the queue dashboard, the user accounts
// and the audit search (AdminAccounts.tsx), the sites and their signing keys (AdminSites.tsx).
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, type ListPage } from '../api';
import { Problem } from '../components/Problem';
import { dateTime, label, t } from '../i18n';
import { useUser } from '../session';
import type { FailedJob } from '../types';
import { useTitle } from '../useTitle';
import { Accounts, AuditSearch } from './AdminAccounts';
import { Sites } from './AdminSites';

type Job = FailedJob;

export function Admin() {
  const user = useUser();
  useTitle(t('admin.title'));
  const [jobs, setJobs] = useState<Job[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string[]>([]);

  const load = async () => {
    try {
      setJobs((await api.get<ListPage<FailedJob>>('/admin/jobs')).items);
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const retry = async (id: string) => {
    try {
      await api.post(`/admin/jobs/${encodeURIComponent(id)}/retry`);
      setDone([...done, id]);
      await load();
    } catch (e) {
      setError(e as ApiError);
    }
  };

  return (
    <section aria-labelledby="admin-h">
      <h1 id="admin-h">{t('admin.title')}</h1>
      <p>
        {/* The dashboard is served by the API server itself, not by this app: a full page load. */}
        <a href="/admin/queues/">{t('admin.queues')}</a>
      </p>
      <h2>{t('admin.failed_jobs')}</h2>
      <Problem error={error} />
      <span role="status" aria-live="polite">{done.length > 0 ? t('admin.retried', { n: done.length }) : ''}</span>
      {jobs && jobs.length === 0 && <p>{t('admin.no_jobs')}</p>}
      {jobs && jobs.length > 0 && (
        <table class="grid">
          <thead>
            <tr>
              <th scope="col">{t('admin.job')}</th>
              <th scope="col">{t('admin.state')}</th>
              <th scope="col">{t('admin.error')}</th>
              <th scope="col">{t('admin.failed_at')}</th>
              <th scope="col">{t('admin.retried_count')}</th>
              <th scope="col"><span class="sr-only">{t('forms.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <tr key={j.id}>
                <td data-testid="job-subject">
                  {j.subject ? (
                    j.assessment_id ? <a href={`/chart/${j.assessment_id}`}>{j.subject}</a> : j.subject
                  ) : j.type}
                  <div class="hint">{j.id}</div>
                </td>
                <td>{label('jobstate', j.state)}</td>
                <td class="reason" data-testid="job-problem">{j.problem || j.error}</td>
                <td>{dateTime(j.failed_at, user.site?.timezone)}</td>
                <td>{j.max_retry ? `${j.retried} / ${j.max_retry}` : j.retried}</td>
                <td><button type="button" onClick={() => retry(j.id)}>{t('admin.retry')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Sites />
      <Accounts />
      <AuditSearch />
    </section>
  );
}
