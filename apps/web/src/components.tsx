// Small pieces every page uses: links that route without a reload, RAG as colour, word and
// symbol, the tenant breadcrumb, and readable loading, empty and error states.
import type { MouseEvent, ReactNode } from 'react';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ancestry, TenantNode } from './drill';
import { navigate } from './navigation';
import { ragLook, Rag } from './rag';
import { href, Route } from './routes';

export function Link({ to, children, className, current }: { to: Route; children: ReactNode; className?: string; current?: boolean }) {
  const url = href(to);
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    // A new tab or window is the browser's business.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(url);
  };
  return (
    <a href={url} onClick={follow} className={className} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}

export function RagBadge({ rag, prefix }: { rag: Rag | null | undefined; prefix?: string }) {
  const look = ragLook(rag);
  return (
    <span className={`rag ${look.className}`}>
      <span aria-hidden="true">{look.symbol}</span> {prefix ? `${prefix} ${look.label.toLowerCase()}` : look.label}
    </span>
  );
}

export function Breadcrumb({ tenant, page }: { tenant: TenantNode; page: (tenantId: string) => Route }) {
  const path = ancestry(tenant);
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <ol>
        {path.map((node, i) => (
          <li key={node.id}>{i === path.length - 1 ? <span aria-current="location">{node.name}</span> : <Link to={page(node.id)}>{node.name}</Link>}</li>
        ))}
      </ol>
    </nav>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** A tenant or project the API answered null for: absent, or not the reader's to see (the API does not say which). */
export function NotVisible({ what }: { what: string }) {
  return (
    <div className="error" role="alert">
      <p>
        <strong>No {what} here.</strong> It does not exist, or you may not see it.
      </p>
    </div>
  );
}

/** An error as a reader can act on it: what failed, and the API's own words. */
export function ErrorState({ error, what }: { error: unknown; what: string }) {
  const code = CombinedGraphQLErrors.is(error) ? error.errors[0]?.extensions?.code : undefined;
  const message =
    code === 'NOT_FOUND'
      ? 'It does not exist, or you may not see it.'
      : code === 'FORBIDDEN'
        ? 'Your role does not allow this.'
        : code === 'RATE_LIMITED'
          ? 'Too many requests at once: try again in a few seconds.'
          : CombinedGraphQLErrors.is(error)
            ? (error.errors[0]?.message ?? 'The server refused the request.')
            : 'The server could not be reached. Check your connection and reload.';
  return (
    <div className="error" role="alert">
      <p>
        <strong>Could not load {what}.</strong> {message}
      </p>
    </div>
  );
}
