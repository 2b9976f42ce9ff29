// Charts drawn by uPlot (canvas), each with a text summary for screen readers
// and its numbers in a table under a disclosure, so nothing is only visual.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { palette } from '../palette';

export interface ChartSeries {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly color: string;
  readonly kind: 'bars' | 'line';
}

export interface ChartProps {
  readonly id: string;
  readonly title: string;
  /** One label per x position (dates, weeks). */
  readonly labels: readonly string[];
  readonly series: readonly ChartSeries[];
  readonly yLabel: string;
  readonly yRange?: readonly [number, number];
  readonly format?: (v: number | null) => string;
  /** A sentence that says what the chart shows (read by screen readers instead of the canvas). */
  readonly summary: string;
  readonly height?: number;
  /** Counts: ticks on whole numbers only. */
  readonly integers?: boolean;
  /** Name of the x values in the legend and the table (Day, Week). */
  readonly xLabel: string;
}

const plain = (v: number | null) => (v === null ? '–' : String(v));

function useUplot<E extends HTMLElement>(makeOpts: (width: number) => uPlot.Options, data: uPlot.AlignedData, deps: unknown[]) {
  const ref = useRef<E>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const width = () => Math.max(200, Math.floor(el.clientWidth));
    const plot = new uPlot(makeOpts(width()), data, el);
    const observer = new ResizeObserver(() => plot.setSize({ width: width(), height: plot.height }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, deps);
  return ref;
}

export function Chart(props: ChartProps) {
  const { labels, series, format = plain } = props;
  const xs = labels.map((_, i) => i);
  const data = [xs, ...series.map((s) => s.values.map((v) => v))] as unknown as uPlot.AlignedData;
  const ref = useUplot<HTMLDivElement>(
    (width) => ({
      width,
      height: props.height ?? 220,
      scales: { x: { time: false, range: [-0.5, labels.length - 0.5] }, y: props.yRange ? { range: [props.yRange[0], props.yRange[1]] } : { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [
        {
          stroke: palette.muted,
          grid: { show: false },
          // Room for a label like "Sun 15 Feb" between ticks, also on a phone.
          space: 72,
          incrs: [1, 2, 7, 14],
          values: (_u, splits) => splits.map((i) => labels[i] ?? ''),
        },
        {
          stroke: palette.muted,
          label: props.yLabel,
          labelSize: 20,
          grid: { stroke: '#e3e7ec' },
          ...(props.integers ? { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000] } : {}),
          values: (_u, splits) => splits.map((v) => format(v)),
        },
      ],
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
      series: [
        { label: props.xLabel, value: (_u, i) => (i === null ? '' : (labels[i] ?? '')) },
        ...series.map(
          (s): uPlot.Series => ({
            label: s.label,
            stroke: s.color,
            width: s.kind === 'line' ? 2 : 0,
            fill: s.kind === 'bars' ? s.color : undefined,
            paths: s.kind === 'bars' ? uPlot.paths.bars!({ size: [0.7, 40] }) : undefined,
            points: s.kind === 'line' ? { show: true, size: 6 } : { show: false },
            spanGaps: false,
            value: (_u, v) => format(v),
          }),
        ),
      ],
    }),
    data,
    [JSON.stringify(labels), JSON.stringify(series.map((s) => s.values))],
  );
  return (
    <figure class="chart" aria-labelledby={`${props.id}-title`}>
      <figcaption id={`${props.id}-title`}>{props.title}</figcaption>
      <div class="chart-canvas" ref={ref} role="img" aria-label={props.summary} data-testid={props.id} />
      <details>
        <summary>Show the numbers</summary>
        <div class="table-scroll" tabIndex={0} role="region" aria-label={`${props.title}: the numbers`}>
          <table>
            <thead>
              <tr>
                <th scope="col">{props.xLabel}</th>
                {series.map((s) => (
                  <th scope="col" key={s.label}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map((label, i) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {series.map((s) => (
                    <td key={s.label}>{format(s.values[i] ?? null)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** A small line of weekly on-time rates for a table row (no axes; the label says it all). */
export function Sparkline({ values, label }: { values: readonly (number | null)[]; label: string }) {
  const data = [values.map((_, i) => i), values.map((v) => v)] as unknown as uPlot.AlignedData;
  const ref = useUplot<HTMLSpanElement>(
    () => ({
      width: 120,
      height: 32,
      legend: { show: false },
      cursor: { show: false },
      axes: [{ show: false }, { show: false }],
      scales: { x: { time: false }, y: { range: [0, 1] } },
      series: [{}, { stroke: palette.pending, width: 2, points: { show: true, size: 4 }, spanGaps: false }],
    }),
    data,
    [JSON.stringify(values)],
  );
  return <span class="sparkline" ref={ref} role="img" aria-label={label} />;
}
