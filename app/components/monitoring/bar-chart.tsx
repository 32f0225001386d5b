// A grouped horizontal bar chart as plain SVG: role="img" with a <title> and <desc>, two series
// per category, values written at the end of each bar. The data table goes right below it (the
// caller renders it): the chart is a picture of that table, never the only place of a number.
import { useId } from "react";

export type BarSeries = { label: string; values: number[] };

const COLORS = ["#0066cc", "#d1344c"] as const;
const LABEL_WIDTH = 130;
const BAR_HEIGHT = 14;
const GROUP_GAP = 14;
const WIDTH = 640;
const VALUE_ROOM = 70;

export function BarChart({ title, description, categories, series, format }: { title: string; description: string; categories: string[]; series: [BarSeries, BarSeries]; format: (value: number) => string }) {
  const id = useId();
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const groupHeight = series.length * BAR_HEIGHT + GROUP_GAP;
  const legendHeight = 24;
  const height = legendHeight + categories.length * groupHeight + 4;
  const scale = (value: number) => ((WIDTH - LABEL_WIDTH - VALUE_ROOM) * value) / max;
  return (
    <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" style={{ maxWidth: `${WIDTH}px` }} className="d-block mb-2">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {series.map((s, index) => (
        <g key={s.label} transform={`translate(${LABEL_WIDTH + index * 220}, 4)`}>
          <rect width="12" height="12" fill={COLORS[index]} />
          <text x="18" y="11" fontSize="12" fill="#1a1a1a">
            {s.label}
          </text>
        </g>
      ))}
      {categories.map((category, row) => {
        const top = legendHeight + row * groupHeight;
        return (
          <g key={category}>
            <text x={LABEL_WIDTH - 8} y={top + BAR_HEIGHT + 2} fontSize="12" textAnchor="end" fill="#1a1a1a">
              {category}
            </text>
            {series.map((s, index) => {
              const value = s.values[row] ?? 0;
              const y = top + index * BAR_HEIGHT;
              return (
                <g key={s.label}>
                  <rect x={LABEL_WIDTH} y={y} width={Math.max(1, scale(value))} height={BAR_HEIGHT - 2} fill={COLORS[index]} />
                  <text x={LABEL_WIDTH + Math.max(1, scale(value)) + 4} y={y + BAR_HEIGHT - 3} fontSize="11" fill="#1a1a1a">
                    {format(value)}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}
