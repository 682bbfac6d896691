// One KPI over 12 periods at a tenant, with each child PMO as a series of its own.
import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { Breadcrumb, NotVisible, Empty, ErrorState, Link, Loading } from '../components';
import { Chart, EChartsOption } from '../charts';
import { formatNumber, isPeriod, periodOf, periodsEndingAt } from '../format';
import { navigate } from '../navigation';
import { TREND, TREND_SETUP } from '../operations';
import type { TrendPointFragment, TrendQuery } from '../gql/graphql';
import type { Route } from '../routes';

type TrendRoute = Extract<Route, { page: 'trend' }>;

/** Children drawn as series: the trend document's slots. */
const CHILD_SLOTS = 12;

export function TrendPage({ route }: { route: TrendRoute }) {
  const setup = useQuery(TREND_SETUP, { variables: { tenantId: route.tenantId } });
  const to = route.to ?? periodOf(new Date());
  const periods = periodsEndingAt(to, 12);
  const kpis = (setup.data?.kpiDefinitions ?? []).filter((k) => k.status === 'PUBLISHED');
  const kpi = kpis.find((k) => k.key === route.kpi) ?? kpis[0];
  const children = (setup.data?.tenant?.children ?? []).slice(0, CHILD_SLOTS);
  const variables: Record<string, string | boolean> = { tenantId: route.tenantId, kpiKey: kpi?.key ?? '', from: periods[0], to };
  children.forEach((child, i) => {
    variables[`c${i}`] = child.id;
    variables[`i${i}`] = true;
  });
  const trend = useQuery(TREND, { variables: variables as { tenantId: string; kpiKey: string; from: string; to: string }, skip: !kpi });
  const series = useMemo(() => {
    if (!trend.data || !setup.data?.tenant) return [];
    const data = trend.data as TrendQuery;
    const points = (list: TrendPointFragment[] | null | undefined) => periods.map((p) => list?.find((f) => f.period === p)?.value ?? null);
    return [
      { id: setup.data.tenant.id, name: setup.data.tenant.name, points: points(data.own) },
      ...children.map((child, i) => ({ id: child.id, name: child.name, points: points(data[`c${i}` as 'c0']) })),
    ];
  }, [trend.data, setup.data, to]);
  const option = useMemo<EChartsOption>(
    () => ({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 60, right: 20, top: 20, bottom: 50 },
      xAxis: { type: 'category', data: periods },
      yAxis: { type: 'value', scale: true },
      series: series.map((s, i) => ({ type: 'line', name: s.name, data: s.points, lineStyle: { width: i === 0 ? 3 : 1.5 } })),
    }),
    [series],
  );

  if (setup.error) return <ErrorState error={setup.error} what="the trend" />;
  if (setup.loading || !setup.data) return <Loading what="the trend" />;
  if (!setup.data.tenant) return <NotVisible what="PMO" />;
  const tenant = setup.data.tenant;
  return (
    <>
      <Breadcrumb tenant={tenant} page={(id) => ({ page: 'trend', tenantId: id, kpi: route.kpi, to: route.to })} />
      <h1>{tenant.name}: trend</h1>
      {!kpi ? (
        <Empty>No KPI is published for this PMO yet.</Empty>
      ) : (
        <>
          <div className="controls">
            <label>
              KPI
              <select value={kpi.key} onChange={(e) => navigate({ ...route, kpi: e.target.value })}>
                {kpis.map((k) => (
                  <option key={k.key} value={k.key}>
                    {k.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Up to
              <input type="month" value={to} onChange={(e) => isPeriod(e.target.value) && navigate({ ...route, to: e.target.value })} />
            </label>
          </div>
          {trend.error ? (
            <ErrorState error={trend.error} what="the trend" />
          ) : !trend.data ? (
            <Loading what="the trend" />
          ) : (
            <>
              <Chart option={option} height={360} label={`${kpi.name} over ${periods[0]} to ${to}, by PMO (in the table below)`} />
              <div className="scroll">
                <table>
                  <caption>
                    {kpi.name} by period{(setup.data.tenant.children.length ?? 0) > CHILD_SLOTS ? ` (the first ${CHILD_SLOTS} child PMOs)` : ''}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">PMO</th>
                      {periods.map((p) => (
                        <th scope="col" key={p}>
                          {p}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {series.map((s) => (
                      <tr key={s.id}>
                        <th scope="row">
                          <Link to={{ page: 'trend', tenantId: s.id, kpi: kpi.key, to: route.to }}>{s.name}</Link>
                        </th>
                        {s.points.map((value, i) => (
                          <td key={periods[i]}>{formatNumber(value, undefined, kpi.unit)}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </>
      )}
    </>
  );
}
