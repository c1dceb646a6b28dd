import { useEffect } from 'preact/hooks';

/** The browser tab's title names the page, which screen readers announce on navigation. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} — MHAC` : 'MHAC';
  }, [title]);
}
