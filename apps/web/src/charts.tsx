// ECharts, only the parts the pages draw (line and heatmap on canvas): the full build
// would triple the bundle. A chart is a picture of figures that the page also lists as text.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapPiecewiseComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';

echarts.use([LineChart, HeatmapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapPiecewiseComponent, CanvasRenderer]);

export type { EChartsOption };

interface ChartProps {
  option: EChartsOption;
  /** What the chart shows, for those who do not see it (the figures are in the table beside it). */
  label: string;
  height: number;
  className?: string;
  onClick?: (params: { dataIndex: number; seriesIndex?: number; data: unknown }) => void;
}

export function Chart({ option, label, height, className, onClick }: ChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!element.current) return undefined;
    const instance = echarts.init(element.current);
    chart.current = instance;
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  useEffect(() => {
    const instance = chart.current;
    if (!instance || !onClick) return undefined;
    instance.on('click', onClick as never);
    return () => {
      instance.off('click');
    };
  }, [onClick]);
  return <div ref={element} className={className} role="img" aria-label={label} style={{ height }} />;
}
