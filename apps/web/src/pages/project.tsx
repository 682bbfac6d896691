// One project: its status reports, KPI values, compliance, milestones, phases and gate
// reviews, corrective actions, and the decision ledger with each decision's frozen
// evidence. An EXECUTIVE (or ORG_ADMIN) of its PMO or above records decisions here.
import { FormEvent, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Breadcrumb, NotVisible, Empty, ErrorState, Loading, RagBadge } from '../components';
import { ancestry } from '../drill';
import { formatDateTime, formatNumber, formatPeriod, formatShare, humanize, periodOf, shiftPeriod } from '../format';
import { ME, PROJECT, PROJECT_ACTIONS, RECORD_DECISION } from '../operations';
import type { DecisionFieldsFragment, DecisionKind } from '../gql/graphql';
import { NO_FILTERS, Route } from '../routes';

type ProjectRoute = Extract<Route, { page: 'project' }>;

const DECISION_KINDS: DecisionKind[] = ['CONTINUE', 'HOLD', 'RESCOPE', 'CANCEL'];

export function ProjectPage({ route }: { route: ProjectRoute }) {
  const period = route.period ?? shiftPeriod(periodOf(new Date()), -1);
  const { data, error, loading } = useQuery(PROJECT, { variables: { id: route.projectId, period } });
  const me = useQuery(ME, { fetchPolicy: 'cache-first' });
  if (error) return <ErrorState error={error} what="the project" />;
  if (loading || !data) return <Loading what="the project" />;
  const project = data.project;
  if (!project) return <NotVisible what="project" />;
  const path = ancestry(project.tenant).map((t) => t.id);
  const mayDecide = (me.data?.me.memberships ?? []).some(
    (m) => m.status === 'ACTIVE' && (m.role === 'EXECUTIVE' || m.role === 'ORG_ADMIN') && path.includes(m.tenant.id),
  );
  const facts: Array<[string, string]> = [
    ['State', humanize(project.state)],
    ['PMO', project.tenant.name],
    ['Program', project.program?.name ?? 'None'],
    ['Manager', project.manager?.email ?? 'None'],
    ['Current phase', project.currentPhase ?? 'None'],
    ['Start', project.startDate ?? '—'],
    ['End', project.endDate ?? '—'],
    ['Planned budget', formatNumber(project.plannedBudget)],
    ['Actual cost', formatNumber(project.actualCost)],
  ];
  return (
    <>
      <Breadcrumb tenant={project.tenant} page={(id) => ({ page: 'projects', tenantId: id, filters: NO_FILTERS })} />
      <h1>
        {project.code}: {project.name}
      </h1>
      {project.description && <p>{project.description}</p>}
      <dl className="facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>

      <section aria-labelledby="status-title">
        <h2 id="status-title">Status reports</h2>
        {data.statusReports.length === 0 ? (
          <Empty>No status report yet.</Empty>
        ) : (
          <table>
            <caption>Latest period first</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col">Overall</th>
                <th scope="col">Schedule</th>
                <th scope="col">Cost</th>
                <th scope="col">Scope</th>
                <th scope="col">Summary</th>
              </tr>
            </thead>
            <tbody>
              {data.statusReports.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{formatPeriod(r.period)}</th>
                  <td>
                    <RagBadge rag={r.overall} />
                  </td>
                  <td>{r.schedule ? <RagBadge rag={r.schedule} /> : '—'}</td>
                  <td>{r.cost ? <RagBadge rag={r.cost} /> : '—'}</td>
                  <td>{r.scope ? <RagBadge rag={r.scope} /> : '—'}</td>
                  <td>{r.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="compliance-title">
        <h2 id="compliance-title">Compliance for {formatPeriod(period)}</h2>
        {!data.projectCompliance ? (
          <Empty>The project owes no report for this period.</Empty>
        ) : (
          <>
            <p className="value">{formatShare(data.projectCompliance.score)} of the checks met</p>
            <ul>
              {data.projectCompliance.checks.map((c) => (
                <li key={c.rule}>
                  <span aria-hidden="true">{c.met ? '✓' : '✕'}</span> {humanize(c.rule)}: {c.met ? 'met' : `not met${c.detail ? ` (${c.detail})` : ''}`}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="kpis-title">
        <h2 id="kpis-title">KPI values</h2>
        {data.kpiValues.length === 0 ? (
          <Empty>No KPI value reported yet.</Empty>
        ) : (
          <details>
            <summary>{data.kpiValues.length} values, newest first</summary>
            <table>
              <thead>
                <tr>
                  <th scope="col">Period</th>
                  <th scope="col">KPI</th>
                  <th scope="col">Value</th>
                  <th scope="col">Recorded</th>
                </tr>
              </thead>
              <tbody>
                {data.kpiValues.map((v) => (
                  <tr key={`${v.kpi.key}|${v.period}`}>
                    <td>{v.period}</td>
                    <td>{v.kpi.name}</td>
                    <td>{formatNumber(v.value, undefined, v.kpi.unit)}</td>
                    <td>{formatDateTime(v.recordedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        )}
      </section>

      <section aria-labelledby="milestones-title">
        <h2 id="milestones-title">Milestones</h2>
        {project.milestones.length === 0 ? (
          <Empty>No milestone planned.</Empty>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Milestone</th>
                <th scope="col">Phase</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {project.milestones.map((m) => (
                <tr key={m.id}>
                  <td>{m.name}</td>
                  <td>{m.phase ?? '—'}</td>
                  <td>{m.dueDate}</td>
                  <td>{m.status === 'DONE' ? `Done on ${m.completedOn}` : humanize(m.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="phases-title">
        <h2 id="phases-title">Phases and gate reviews</h2>
        {project.phases.length === 0 ? (
          <Empty>The project follows no methodology.</Empty>
        ) : (
          <ol>
            {project.phases.map((phase) => (
              <li key={phase.name}>
                <strong>{phase.name}</strong>
                {phase.name === project.currentPhase && ' (current)'}
                {phase.gate && ` — gate "${phase.gate.name}"${phase.gate.deliverables.length ? `: ${phase.gate.deliverables.join(', ')}` : ''}`}
                <ul>
                  {project.gateReviews
                    .filter((r) => r.phase === phase.name)
                    .map((r) => (
                      <li key={r.id}>
                        Review of {formatDateTime(r.submittedAt)}: {humanize(r.state)}, {r.votes.length} vote(s)
                        {r.criteria.length > 0 && `; ${r.criteria.map((c) => `${c.criterion} ${humanize(c.status).toLowerCase()}`).join(', ')}`}
                      </li>
                    ))}
                </ul>
              </li>
            ))}
          </ol>
        )}
      </section>

      <CorrectiveActions tenantId={project.tenant.id} projectId={project.id} />

      <section aria-labelledby="decisions-title">
        <h2 id="decisions-title">Decisions</h2>
        {project.decisions.length === 0 ? (
          <Empty>No decision recorded.</Empty>
        ) : (
          <ol className="decisions">
            {project.decisions.map((d) => (
              <Decision key={d.id} decision={d} />
            ))}
          </ol>
        )}
        {mayDecide && <RecordDecision projectId={project.id} period={period} />}
      </section>
    </>
  );
}

function CorrectiveActions({ tenantId, projectId }: { tenantId: string; projectId: string }) {
  const { data, error } = useQuery(PROJECT_ACTIONS, { variables: { tenantId } });
  const actions = (data?.correctiveActions ?? []).filter((a) => a.project.id === projectId);
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">Corrective actions</h2>
      {error ? (
        <ErrorState error={error} what="the corrective actions" />
      ) : !data ? (
        <Loading what="the corrective actions" />
      ) : actions.length === 0 ? (
        <Empty>No corrective action.</Empty>
      ) : (
        <ul>
          {actions.map((a) => (
            <li key={a.id}>
              {a.description}: due {a.dueDate}, {humanize(a.state).toLowerCase()}
              {a.overdue && <strong> (overdue)</strong>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Decision({ decision }: { decision: DecisionFieldsFragment }) {
  const e = decision.evidence;
  return (
    <li>
      <p>
        <strong>{humanize(decision.kind)}</strong> on {formatDateTime(decision.decidedAt)}: {decision.rationale}
      </p>
      <details>
        <summary>Evidence as of {formatDateTime(e.capturedAt)}</summary>
        <ul>
          <li>Status report: {e.period ? formatPeriod(e.period) : 'none'}</li>
          {e.overall && (
            <li>
              Overall <RagBadge rag={e.overall} />
              {e.summary && `: ${e.summary}`}
            </li>
          )}
          <li>Compliance: {formatShare(e.compliance)}</li>
          {e.kpis.map((k) => (
            <li key={`${k.kpiKey}|${k.period}`}>
              {k.kpiKey} ({k.period}): {formatNumber(k.value)} {k.rag && <RagBadge rag={k.rag} />}
            </li>
          ))}
        </ul>
      </details>
    </li>
  );
}

function RecordDecision({ projectId, period }: { projectId: string; period: string }) {
  const [record, { loading, error }] = useMutation(RECORD_DECISION, {
    refetchQueries: [{ query: PROJECT, variables: { id: projectId, period } }],
    awaitRefetchQueries: true,
  });
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setDone(false);
    try {
      await record({ variables: { input: { projectId, kind: String(data.get('kind')) as DecisionKind, rationale: String(data.get('rationale')) } } });
      form.reset();
      setDone(true);
    } catch {
      // The error is shown from the mutation's state.
    }
  };
  return (
    <form className="decide" onSubmit={(event) => void submit(event)} aria-labelledby="decide-title">
      <h3 id="decide-title">Record a decision</h3>
      <label htmlFor="decision-kind">Decision</label>
      <select id="decision-kind" name="kind" defaultValue="CONTINUE">
        {DECISION_KINDS.map((k) => (
          <option key={k} value={k}>
            {humanize(k)}
          </option>
        ))}
      </select>
      <label htmlFor="decision-rationale">Rationale</label>
      <textarea id="decision-rationale" name="rationale" required rows={3} />
      {error && <ErrorState error={error} what="the decision" />}
      {done && <p role="status">Decision recorded.</p>}
      <button type="submit" disabled={loading}>
        Record decision
      </button>
    </form>
  );
}
