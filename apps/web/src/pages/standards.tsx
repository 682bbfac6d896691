// The standards in force at a tenant (read only): KPI definitions, methodologies with
// their gates, document templates and the glossary, the tenant's own and its ancestors'.
import { useQuery } from '@apollo/client/react';
import { Breadcrumb, NotVisible, Empty, ErrorState, Loading } from '../components';
import { formatNumber, humanize } from '../format';
import { STANDARDS } from '../operations';
import type { Route } from '../routes';

export function StandardsPage({ route }: { route: Extract<Route, { page: 'standards' }> }) {
  const { data, error, loading } = useQuery(STANDARDS, { variables: { tenantId: route.tenantId } });
  if (error) return <ErrorState error={error} what="the standards" />;
  if (loading || !data) return <Loading what="the standards" />;
  if (!data.tenant) return <NotVisible what="PMO" />;
  const kpis = data.kpiDefinitions.filter((k) => k.status === 'PUBLISHED');
  return (
    <>
      <Breadcrumb tenant={data.tenant} page={(id) => ({ page: 'standards', tenantId: id })} />
      <h1>{data.tenant.name}: standards in force</h1>
      <section aria-labelledby="kpi-defs">
        <h2 id="kpi-defs">KPI definitions</h2>
        {kpis.length === 0 ? (
          <Empty>No KPI is published for this PMO.</Empty>
        ) : (
          <div className="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">KPI</th>
                  <th scope="col">Key</th>
                  <th scope="col">Aggregation</th>
                  <th scope="col">Direction</th>
                  <th scope="col">Green at</th>
                  <th scope="col">Amber at</th>
                  <th scope="col">Mandatory</th>
                  <th scope="col">Owner</th>
                </tr>
              </thead>
              <tbody>
                {kpis.map((k) => (
                  <tr key={k.id}>
                    <th scope="row">
                      {k.name}
                      {k.unit ? ` (${k.unit})` : ''}
                    </th>
                    <td>{k.key}</td>
                    <td>{humanize(k.aggregation)}</td>
                    <td>{humanize(k.direction)}</td>
                    <td>{formatNumber(k.greenThreshold)}</td>
                    <td>{formatNumber(k.amberThreshold)}</td>
                    <td>{k.mandatory ? 'Yes' : 'No'}</td>
                    <td>{k.owner.name}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="methodologies">
        <h2 id="methodologies">Methodologies</h2>
        {data.methodologies.length === 0 ? (
          <Empty>No methodology is published for this PMO.</Empty>
        ) : (
          data.methodologies.map((m) => (
            <article key={m.id}>
              <h3>
                {m.name} (version {m.version}, from {m.owner.name})
              </h3>
              {m.description && <p>{m.description}</p>}
              <p>
                Reports {humanize(m.cadence.frequency).toLowerCase()}, due on day {m.cadence.dueDay} of the next month, {m.cadence.graceDays} grace days.
              </p>
              <ol>
                {m.phases.map((p) => (
                  <li key={p.name}>
                    {p.name}: gate &quot;{p.gate.name}&quot;, approved by {humanize(p.gate.approverRole)} (quorum {p.gate.quorum})
                    {p.gate.deliverables.length > 0 && `; deliverables: ${p.gate.deliverables.join(', ')}`}
                  </li>
                ))}
              </ol>
            </article>
          ))
        )}
      </section>
      <section aria-labelledby="templates">
        <h2 id="templates">Document templates</h2>
        {data.documentTemplates.length === 0 ? (
          <Empty>No template is published for this PMO.</Empty>
        ) : (
          <ul>
            {data.documentTemplates.map((t) => (
              <li key={t.id}>
                <strong>{t.title}</strong> ({humanize(t.kind)}, version {t.version}, from {t.owner.name}){t.sections.length > 0 && `: ${t.sections.join(', ')}`}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="glossary">
        <h2 id="glossary">Glossary</h2>
        {data.glossary.length === 0 ? (
          <Empty>No term is defined for this PMO.</Empty>
        ) : (
          <dl className="glossary">
            {data.glossary.map((g) => (
              <div key={g.id}>
                <dt>{g.term}</dt>
                <dd>
                  {g.definition} <small>({g.owner.name})</small>
                </dd>
              </div>
            ))}
          </dl>
        )}
      </section>
    </>
  );
}
