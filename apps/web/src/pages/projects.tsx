// The subtree's projects: filters and sort in the URL, pages of the connection appended
// with "Show more" (Relay-style, merged in the cache), each row with its latest status
// and its compliance for the last complete period.
import { FormEvent } from 'react';
import { useQuery } from '@apollo/client/react';
import { Breadcrumb, NotVisible, Empty, ErrorState, Link, Loading, RagBadge } from '../components';
import { formatCount, formatPeriod, formatShare, humanize, periodOf, shiftPeriod } from '../format';
import { navigate } from '../navigation';
import { PROJECTS, PROJECTS_COMPLIANCE } from '../operations';
import type { ProjectRowFragment, ProjectsComplianceQuery } from '../gql/graphql';
import type { Rag } from '../rag';
import { PROJECT_SORTS, PROJECT_STATES, ProjectFilters, Route } from '../routes';

type ProjectsRoute = Extract<Route, { page: 'projects' }>;

/** Rows per page: one compliance request covers a page (its document has as many slots). */
const PAGE = 25;
const SORT_LABELS: Record<(typeof PROJECT_SORTS)[number], string> = {
  CODE_ASC: 'Code, A to Z',
  CODE_DESC: 'Code, Z to A',
  NAME_ASC: 'Name, A to Z',
  NAME_DESC: 'Name, Z to A',
  CREATED_AT_DESC: 'Newest first',
  CREATED_AT_ASC: 'Oldest first',
};

export function ProjectsPage({ route }: { route: ProjectsRoute }) {
  const f = route.filters;
  const filter = {
    ...(f.states.length > 0 && { states: f.states }),
    ...(f.rags.length > 0 && { latestStatusRag: f.rags }),
    ...(f.text && { text: f.text }),
    ...(f.programId && { programId: f.programId }),
  };
  const { data, error, loading, fetchMore } = useQuery(PROJECTS, { variables: { tenantId: route.tenantId, filter, sort: f.sort, first: PAGE } });
  const update = (filters: Partial<ProjectFilters>) => navigate({ ...route, filters: { ...f, ...filters } });
  const toggle = <T extends string>(list: T[], value: T, on: boolean) => (on ? [...list, value] : list.filter((v) => v !== value));
  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update({ text: String(new FormData(event.currentTarget).get('q') ?? '').trim() });
  };

  if (error) return <ErrorState error={error} what="the projects" />;
  if (loading && !data) return <Loading what="the projects" />;
  if (!data?.tenant) return <NotVisible what="PMO" />;
  const rows = data.projects.edges.map((e) => e.node);
  const pages = Array.from({ length: Math.ceil(rows.length / PAGE) }, (_, i) => rows.slice(i * PAGE, (i + 1) * PAGE));
  return (
    <>
      <Breadcrumb tenant={data.tenant} page={(id) => ({ page: 'projects', tenantId: id, filters: f })} />
      <h1>{data.tenant.name}: projects</h1>
      <form className="filters" onSubmit={search} role="search" aria-label="Filter projects">
        <fieldset>
          <legend>State</legend>
          {PROJECT_STATES.map((state) => (
            <label key={state} className="check">
              <input type="checkbox" checked={f.states.includes(state)} onChange={(e) => update({ states: toggle(f.states, state, e.target.checked) })} />
              {humanize(state)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Latest status</legend>
          {(['RED', 'AMBER', 'GREEN'] as Rag[]).map((rag) => (
            <label key={rag} className="check">
              <input type="checkbox" checked={f.rags.includes(rag)} onChange={(e) => update({ rags: toggle(f.rags, rag, e.target.checked) })} />
              {humanize(rag)}
            </label>
          ))}
        </fieldset>
        <label>
          Program
          <select value={f.programId ?? ''} onChange={(e) => update({ programId: e.target.value || null })}>
            <option value="">Any program</option>
            {data.programs.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Sort by
          <select value={f.sort} onChange={(e) => update({ sort: e.target.value as ProjectFilters['sort'] })}>
            {PROJECT_SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Code or name
          <input name="q" type="search" defaultValue={f.text} key={f.text} />
        </label>
        <button type="submit">Search</button>
      </form>
      <p role="status">
        {formatCount(data.projects.totalCount)} projects{rows.length < data.projects.totalCount ? `, ${formatCount(rows.length)} shown` : ''}
      </p>
      {rows.length === 0 ? (
        <Empty>No project matches these filters.</Empty>
      ) : (
        <div className="scroll">
          <table className="projects">
            <caption>Projects under {data.tenant.name}</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Name</th>
                <th scope="col">PMO</th>
                <th scope="col">State</th>
                <th scope="col">Latest status</th>
                <th scope="col">Compliance</th>
              </tr>
            </thead>
            {pages.map((page, i) => (
              <ProjectRows key={i} rows={page} />
            ))}
          </table>
        </div>
      )}
      {data.projects.pageInfo.hasNextPage && (
        <button type="button" disabled={loading} onClick={() => void fetchMore({ variables: { after: data.projects.pageInfo.endCursor } })}>
          Show more projects
        </button>
      )}
    </>
  );
}

/** A page of rows and its compliance, fetched in one request for the page. */
function ProjectRows({ rows }: { rows: ProjectRowFragment[] }) {
  const period = shiftPeriod(periodOf(new Date()), -1);
  const variables: Record<string, string | boolean> = { period };
  rows.forEach((row, i) => {
    variables[`id${i}`] = row.id;
    variables[`i${i}`] = true;
  });
  const { data } = useQuery(PROJECTS_COMPLIANCE, { variables: variables as { period: string } });
  const scores = new Map(
    Object.values((data ?? {}) as ProjectsComplianceQuery).flatMap((c) =>
      c && typeof c === 'object' && 'score' in c ? [[c.project.id, c.score] as const] : [],
    ),
  );
  return (
    <tbody>
      {rows.map((row) => (
        <tr key={row.id}>
          <td>
            <Link to={{ page: 'project', tenantId: row.tenant.id, projectId: row.id }}>{row.code}</Link>
          </td>
          <td>{row.name}</td>
          <td>{row.tenant.name}</td>
          <td>{humanize(row.state)}</td>
          <td>
            {row.latestStatusReport ? (
              <>
                <RagBadge rag={row.latestStatusReport.overall} /> {formatPeriod(row.latestStatusReport.period)}
              </>
            ) : (
              'No report yet'
            )}
          </td>
          <td>{!data ? '…' : scores.has(row.id) ? `${formatShare(scores.get(row.id))} (${period})` : `None owed for ${period}`}</td>
        </tr>
      ))}
    </tbody>
  );
}
