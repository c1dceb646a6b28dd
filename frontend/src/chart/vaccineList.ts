// The server's list of every vaccine by CVX code (GET /api/vaccines), for the dose form's choice.
// It does not change while the app runs, so it is asked for once per page load and shared; a
// failed load is forgotten, so the next form asks again.
import { useEffect, useState } from 'preact/hooks';
import { api, type ListPage } from '../api';
import type { VaccineListItem } from '../types';

let loading: Promise<VaccineListItem[]> | null = null;

function loadVaccines(): Promise<VaccineListItem[]> {
  loading ??= api.get<ListPage<VaccineListItem>>('/vaccines').then(
    (v) => v.items,
    (e: unknown) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}

/** The vaccine list: empty until it arrives; failed when the server did not give it. */
export function useVaccineList(): { list: VaccineListItem[]; failed: boolean } {
  const [state, setState] = useState<{ list: VaccineListItem[]; failed: boolean }>({ list: [], failed: false });
  useEffect(() => {
    let live = true;
    loadVaccines().then(
      (list) => live && setState({ list, failed: false }),
      () => live && setState({ list: [], failed: true }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
