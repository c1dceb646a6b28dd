// The planned flight of a case (registrar, caseworker): a versioned write like every shared record.
import { api } from '../api';
import { t } from '../i18n';
import type { Case } from '../types';
import { useDraftForm } from '../useDraftForm';
import { fieldError } from './Problem';
import { SectionForm } from './SectionForm';
import { TextField } from './fields';
import { ApiError } from '../api';
import { todayIn } from '../pages/regcheck';
import { useUser } from '../session';

interface FlightValues {
  flight_number: string;
  departure_date: string;
}

export function FlightForm({ c, onSaved, onReload }: { c: Case; onSaved: (c: Case) => void; onReload: () => Promise<boolean | void> }) {
  const server: FlightValues = {
    flight_number: c.flight?.number ?? '',
    departure_date: c.flight?.departure_date ?? '',
  };
  const form = useDraftForm<FlightValues>(`case.${c.id}.flight`, server);
  const errors = form.status.kind === 'error' ? form.status.error.errors : undefined;
  const today = todayIn(useUser().site?.timezone ?? undefined);
  const submit = () => {
    if (!form.values.flight_number.trim() || !form.values.departure_date) {
      form.setStatus({ kind: 'invalid', message: t('flight.required') });
      return;
    }
    if (form.values.departure_date < today) {
      form.setStatus({ kind: 'error', error: new ApiError(422, 'validation', '',
        [{ field: 'departure_date', code: 'in_past', message: t('fielderr.flight_past') }]) });
      return;
    }
    void form.submit(async (v) => {
      const updated = await api.put<Case>(`/cases/${encodeURIComponent(c.id)}/flight`, {
        flight_number: v.flight_number.trim().toUpperCase(),
        departure_date: v.departure_date,
        version: c.version,
      });
      onSaved(updated);
    });
  };
  return (
    <SectionForm id={`flight-${c.id}`} title={t('flight.title')} form={form} onSubmit={submit} onReload={onReload}>
      <div class="row">
        <TextField id={`flight-number-${c.id}`} label={t('flight.number')} value={form.values.flight_number}
          onInput={(x) => form.set({ flight_number: x })} error={fieldError(errors, 'flight_number')} required />
        <TextField id={`flight-date-${c.id}`} type="date" label={t('flight.date')} value={form.values.departure_date}
          onInput={(x) => form.set({ departure_date: x })} error={fieldError(errors, 'departure_date')} required min={today} />
      </div>
    </SectionForm>
  );
}
