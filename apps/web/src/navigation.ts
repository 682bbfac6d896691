// A router in a few lines: the History API, and a hook that re-renders on every change.
import { useSyncExternalStore } from 'react';
import { parseRoute, Route, href } from './routes';

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', notify);

export function navigate(to: Route | string, { replace = false } = {}): void {
  const url = typeof to === 'string' ? to : href(to);
  if (url === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const current = () => location.pathname + location.search;

export function useRoute(): Route {
  const url = useSyncExternalStore(subscribe, current);
  const [pathname, search = ''] = url.split('?');
  return parseRoute(pathname, search);
}
