// Another station's section on the chart, folded: its title and state show, the form opens on
// demand (it stays in the page, hidden). A link to one of its sections (#history) opens it.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

export function Fold({ ids, summary, children }: { ids: string[]; summary: ComponentChildren; children: ComponentChildren }) {
  const [open, setOpen] = useState(() => ids.includes(location.hash.slice(1)));
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const onHash = () => {
      if (!ids.includes(location.hash.slice(1))) return;
      setOpen(true);
      requestAnimationFrame(() => document.getElementById(location.hash.slice(1))?.scrollIntoView());
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, [ids.join(' ')]);
  return (
    <details class="station-fold card" ref={ref} open={open} data-fold={ids.join(' ')}
      onToggle={() => setOpen(ref.current?.open ?? false)}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}
