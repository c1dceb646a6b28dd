// A small client-side router on the History API: the server answers index.html for every
// non-/api path, and this module picks the page.
import { useEffect, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';

const listeners = new Set<() => void>();

export function currentPath(): string {
  return location.pathname + location.search;
}

export function navigate(to: string, replace = false): void {
  if (to === currentPath()) return;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  listeners.forEach((fn) => fn());
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => listeners.forEach((fn) => fn()));
}

/** The current path, re-rendering the caller when it changes. */
export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const fn = () => setPath(currentPath());
    listeners.add(fn);
    return () => {
      listeners.delete(fn);
    };
  }, []);
  return path;
}

/** Params of pattern ("/chart/:id") matched against path, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/');
  const s = path.split('?')[0].split('/');
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) {
      if (!s[i]) return null;
      params[p[i].slice(1)] = decodeURIComponent(s[i]);
    } else if (p[i] !== s[i]) {
      return null;
    }
  }
  return params;
}

/** The value of one query parameter of the current URL. */
export function queryParam(name: string): string {
  return new URLSearchParams(location.search).get(name) ?? '';
}

interface LinkProps {
  href: string;
  children?: ComponentChildren;
  class?: string;
  tabIndex?: number;
  'aria-current'?: 'page';
}

/** An <a> that routes on the client on a plain left click and behaves normally otherwise. */
export function Link({ href, children, ...rest }: LinkProps) {
  const onClick = (e: MouseEvent) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}

/** Go to another path once rendered (a redirect must not navigate during render). */
export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, true), [to]);
  return null;
}
