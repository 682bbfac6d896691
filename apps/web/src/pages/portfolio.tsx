// A tenant's portfolio for a period: KPI tiles with 12-period sparklines, the children ×
// KPIs heatmap (click or link to drill down), the reporting summary and the rollups'
// freshness. Tiles change in place when kpiRollupUpdated delivers a new figure.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useQuery, useSubscription } from '@apollo/client/react';
import { Breadcrumb, NotVisible, Empty, ErrorState, Link, Loading, RagBadge } from '../components';
import { Chart, EChartsOption } from '../charts';
import { buildHeatmap, HEATMAP_SLOTS, heatmapVariables, Heatmap } from '../drill';
import { formatAge, formatCount, formatNumber, formatPeriod, isPeriod, periodOf, periodsEndingAt } from '../format';
import { navigate } from '../navigation';
import { HEATMAP, PORTFOLIO, ROLLUP_UPDATED } from '../operations';
import type { FigureFragment, HeatmapCellFragment, HeatmapQuery, PortfolioQueryVariables } from '../gql/graphql';
import { ragLook } from '../rag';
import type { Route } from '../routes';

type PortfolioRoute = Extract<Route, { page: 'portfolio' }>;

/** How long a tile shows that its figure has just changed. */
const UPDATED_CUE_MS = 8000;

export function PortfolioPage({ route }: { route: PortfolioRoute }) {
  const period = route.period ?? periodOf(new Date());
  const periods = periodsEndingAt(period, 12);
  const variables = Object.fromEntries([['tenantId', route.tenantId], ...periods.map((p, i) => [`p${i}`, p])]) as PortfolioQueryVariables;
  const { data, error, loading } = useQuery(PORTFOLIO, { variables });
  const [updated, setUpdated] = useState<Record<string, number>>({});
  const [announcement, setAnnouncement] = useState('');
  useSubscription(ROLLUP_UPDATED, {
    variables: { tenantId: route.tenantId },
    onData: ({ data: event }) => {
      const rollup = event.data?.kpiRollupUpdated;
      if (!rollup || rollup.period !== period) return;
      setUpdated((current) => ({ ...current, [rollup.id]: Date.now() }));
      setAnnouncement(`${rollup.kpi.name} updated: ${formatNumber(rollup.value)}`);
    },
  });
  useEffect(() => {
    if (Object.keys(updated).length === 0) return undefined;
    const timer = setTimeout(() => setUpdated({}), UPDATED_CUE_MS);
    return () => clearTimeout(timer);
  }, [updated]);

  const setPeriod = (value: string) => {
    if (isPeriod(value)) navigate({ page: 'portfolio', tenantId: route.tenantId, period: value });
  };

  if (error) return <ErrorState error={error} what="the portfolio" />;
  if (loading || !data) return <Loading what="the portfolio" />;
  if (!data.tenant) return <NotVisible what="PMO" />;
  const tenant = data.tenant;
  const series = periods.map((_, i) => data[`s${i}` as `s${0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11}`]);
  const tiles = series[11];
  return (
    <>
      <Breadcrumb tenant={tenant} page={(id) => ({ page: 'portfolio', tenantId: id, period: route.period })} />
      <h1>{tenant.name}: portfolio</h1>
      <div className="controls">
        <label>
          Period
          <input type="month" value={period} onChange={(e) => setPeriod(e.target.value)} />
        </label>
        <Freshness freshness={data.rollupFreshness} />
      </div>
      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
      <section aria-labelledby="kpis-title">
        <h2 id="kpis-title">KPIs for {formatPeriod(period)}</h2>
        {tiles.length === 0 ? (
          <Empty>
            No project under {tenant.name} reported a KPI value for {formatPeriod(period)}.
          </Empty>
        ) : (
          <ul className="tiles">
            {tiles.map((figure) => (
              <Tile key={figure.id} figure={figure} history={series} tenantId={route.tenantId} updated={figure.id in updated} />
            ))}
          </ul>
        )}
        {tiles.length > 0 && <HistoryTable tiles={tiles} series={series} periods={periods} />}
      </section>
      <ChildrenHeatmap tenantId={route.tenantId} period={period} tenantChildren={tenant.children} kpis={tiles.map((t) => t.kpi)} />
      <section aria-labelledby="reporting-title">
        <h2 id="reporting-title">Status reporting for {formatPeriod(period)}</h2>
        <ReportingSummary summary={data.reportingSummary} />
        <p>
          <Link to={{ page: 'projects', tenantId: route.tenantId, filters: { states: [], rags: [], text: '', programId: null, sort: 'CODE_ASC' } }}>
            All projects under {tenant.name}
          </Link>
        </p>
      </section>
    </>
  );
}

function Freshness({ freshness }: { freshness: { pendingNodes: number; oldestPendingSeconds: number | null } }) {
  return (
    <p className="freshness">
      {freshness.pendingNodes === 0
        ? 'Figures are up to date.'
        : `${formatCount(freshness.pendingNodes)} PMO figures being updated${
            freshness.oldestPendingSeconds !== null ? `, the oldest change ${formatAge(freshness.oldestPendingSeconds)} ago` : ''
          }.`}
    </p>
  );
}

function Tile({ figure, history, tenantId, updated }: { figure: FigureFragment; history: FigureFragment[][]; tenantId: string; updated: boolean }) {
  const points = history.map((list) => list.find((f) => f.kpi.key === figure.kpi.key)?.value ?? null);
  const look = ragLook(figure.rag);
  const option = useMemo<EChartsOption>(
    () => ({
      animation: false,
      grid: { left: 2, right: 2, top: 4, bottom: 4 },
      xAxis: { type: 'category', show: false, data: points.map((_, i) => i) },
      yAxis: { type: 'value', show: false, scale: true },
      series: [{ type: 'line', data: points, showSymbol: false, lineStyle: { width: 2, color: look.color }, connectNulls: false }],
    }),
    [points.join(','), look.color],
  );
  return (
    <li className={`tile ${look.className}${updated ? ' is-updated' : ''}`} data-kpi={figure.kpi.key}>
      <h3>{figure.kpi.name}</h3>
      <p className="value">{formatNumber(figure.value, undefined, figure.kpi.unit)}</p>
      <p>
        <RagBadge rag={figure.rag} />
      </p>
      <p className="covered">{formatCount(figure.projectCount)} projects covered</p>
      <Chart option={option} height={40} label={`${figure.kpi.name} over the last 12 periods (in the table below)`} className="spark" />
      <Link to={{ page: 'trend', tenantId, kpi: figure.kpi.key, to: figure.period }}>Trend of {figure.kpi.name}</Link>
      {updated && <span className="updated-cue">Updated</span>}
    </li>
  );
}

function HistoryTable({ tiles, series, periods }: { tiles: FigureFragment[]; series: FigureFragment[][]; periods: string[] }) {
  return (
    <details>
      <summary>The KPIs over the last 12 periods, as a table</summary>
      <div className="scroll">
        <table>
          <caption>Each KPI by period</caption>
          <thead>
            <tr>
              <th scope="col">KPI</th>
              {periods.map((p) => (
                <th scope="col" key={p}>
                  {p}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {tiles.map((tile) => (
              <tr key={tile.kpi.key}>
                <th scope="row">{tile.kpi.name}</th>
                {series.map((list, i) => (
                  <td key={periods[i]}>{formatNumber(list.find((f) => f.kpi.key === tile.kpi.key)?.value, undefined, tile.kpi.unit)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

const RAG_CODE = { GREEN: 1, AMBER: 2, RED: 3 } as const;

function ChildrenHeatmap({
  tenantId,
  period,
  tenantChildren,
  kpis,
}: {
  tenantId: string;
  period: string;
  tenantChildren: Array<{ id: string; name: string }>;
  kpis: Array<{ key: string; name: string; unit?: string | null }>;
}) {
  const shown = kpis.slice(0, HEATMAP_SLOTS);
  const skip = tenantChildren.length === 0 || shown.length === 0;
  const { data, error } = useQuery(HEATMAP, {
    variables: heatmapVariables(
      tenantId,
      period,
      shown.map((k) => k.key),
    ) as { tenantId: string; period: string },
    skip,
  });
  const heatmap = useMemo(() => {
    if (!data) return null;
    const figures = Object.values(data as HeatmapQuery).flatMap((slot) =>
      slot && typeof slot === 'object' && 'children' in slot ? slot.children : [],
    ) as HeatmapCellFragment[];
    return buildHeatmap(tenantChildren, shown, figures);
  }, [data, tenantChildren, shown.map((k) => k.key).join(',')]);
  const drill = useCallback(
    (params: { data: unknown }) => {
      const row = (params.data as { value: number[] }).value[1];
      const child = heatmap?.rows[row];
      if (child) navigate({ page: 'portfolio', tenantId: child.id, period });
    },
    [heatmap, period],
  );
  return (
    <section aria-labelledby="children-title">
      <h2 id="children-title">Child PMOs</h2>
      {tenantChildren.length === 0 ? (
        <Empty>This PMO has no child PMOs: its figures come from its own projects.</Empty>
      ) : shown.length === 0 ? (
        <Empty>No KPI figures to compare for this period.</Empty>
      ) : error ? (
        <ErrorState error={error} what="the child PMOs' figures" />
      ) : !heatmap ? (
        <Loading what="the child PMOs' figures" />
      ) : (
        <>
          <Chart
            option={heatmapOption(heatmap)}
            height={Math.max(160, 40 + heatmap.rows.length * 32)}
            label="Child PMOs by KPI, coloured by RAG (in the table below)"
            onClick={drill}
          />
          <HeatmapTable heatmap={heatmap} period={period} />
          {kpis.length > HEATMAP_SLOTS && <p>The first {HEATMAP_SLOTS} KPIs are compared here; every KPI is on each child&apos;s own portfolio.</p>}
        </>
      )}
    </section>
  );
}

function heatmapOption(heatmap: Heatmap): EChartsOption {
  // Dark figures on amber and grey, white on green and red: each readable on its colour.
  const cells = heatmap.rows.flatMap((row, y) =>
    row.cells.map((cell, x) => ({
      value: [x, y, cell?.rag ? RAG_CODE[cell.rag] : 0],
      label: { color: cell?.rag === 'GREEN' || cell?.rag === 'RED' ? '#fff' : '#1b1f24' },
    })),
  );
  const labels = heatmap.rows.map((row) => row.cells.map((cell) => formatNumber(cell?.value)));
  return {
    animation: false,
    grid: { left: 160, right: 10, top: 10, bottom: 70 },
    xAxis: { type: 'category', data: heatmap.columns.map((c) => c.name), axisLabel: { rotate: 30, interval: 0 } },
    yAxis: { type: 'category', data: heatmap.rows.map((r) => r.name), inverse: true },
    visualMap: {
      type: 'piecewise',
      show: false,
      dimension: 2,
      pieces: [0, 1, 2, 3].map((value) => ({ value, color: ragLook(value === 0 ? null : (['GREEN', 'AMBER', 'RED'] as const)[value - 1]).color })),
    },
    series: [
      {
        type: 'heatmap',
        data: cells,
        label: {
          show: true,
          formatter: (p) => {
            const [x, y] = p.value as number[];
            return labels[y][x];
          },
        },
      },
    ],
  };
}

function HeatmapTable({ heatmap, period }: { heatmap: Heatmap; period: string }) {
  return (
    <div className="scroll">
      <table className="heatmap">
        <caption>Child PMOs by KPI for {formatPeriod(period)}: open a PMO to drill down</caption>
        <thead>
          <tr>
            <th scope="col">PMO</th>
            {heatmap.columns.map((c) => (
              <th scope="col" key={c.key}>
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {heatmap.rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">
                <Link to={{ page: 'portfolio', tenantId: row.id, period }}>{row.name}</Link>
              </th>
              {row.cells.map((cell, i) => (
                <td key={heatmap.columns[i].key} className={ragLook(cell?.rag).className}>
                  {cell ? (
                    <>
                      {formatNumber(cell.value, undefined, heatmap.columns[i].unit)} <RagBadge rag={cell.rag} />
                    </>
                  ) : (
                    <span>No figure</span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ReportingSummary({
  summary,
}: {
  summary: { expected: number; due: number; fulfilled: number; fulfilledLate: number; late: number; missing: number; waived: number };
}) {
  if (summary.expected === 0) return <Empty>No project owes a status report for this period.</Empty>;
  const items: Array<[string, number]> = [
    ['Expected', summary.expected],
    ['On time', summary.fulfilled],
    ['Submitted late', summary.fulfilledLate],
    ['Late', summary.late],
    ['Missing', summary.missing],
    ['Not yet due', summary.due],
    ['Waived', summary.waived],
  ];
  return (
    <dl className="summary">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{formatCount(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
