// A horizontal bar chart drawn on the server as SVG, with its numbers in a table beside it: the
// SVG is an image with a text alternative (title and description), the table is what screen
// readers and keyboard users read, and both show the same figures.
import { useId } from "react";

export type Bar = { label: string; value: number; display: string };

const WIDTH = 420;
const LABEL = 150;
const ROW = 26;

function clip(text: string, max = 24) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function BarChart({ title, description, bars, max, columns }: { title: string; description: string; bars: Bar[]; max: number; columns: [string, string] }) {
  const id = useId();
  const height = bars.length * ROW + 8;
  const scale = (value: number) => (max > 0 ? ((WIDTH - LABEL - 60) * value) / max : 0);
  return (
    <div className="row align-items-start mb-4">
      <div className="col-lg-7">
        <svg role="img" aria-labelledby={`${id}-t ${id}-d`} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" style={{ maxWidth: WIDTH }} className="d-block">
          <title id={`${id}-t`}>{title}</title>
          <desc id={`${id}-d`}>{description}</desc>
          {bars.map((bar, index) => {
            const y = index * ROW + 4;
            const w = scale(bar.value);
            return (
              <g key={`${bar.label}-${index}`}>
                <text x={LABEL - 6} y={y + 16} textAnchor="end" fontSize="12" fill="#1a1a1a">
                  {clip(bar.label)}
                </text>
                <rect x={LABEL} y={y + 3} width={Math.max(w, 1)} height={ROW - 8} fill="#0066cc" />
                <text x={LABEL + w + 6} y={y + 16} fontSize="12" fill="#1a1a1a">
                  {bar.display}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <div className="col-lg-5">
        <table className="table table-sm">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{columns[0]}</th>
              <th scope="col" className="text-end">
                {columns[1]}
              </th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar, index) => (
              <tr key={`${bar.label}-${index}`}>
                <th scope="row" className="fw-normal">
                  {bar.label}
                </th>
                <td className="text-end">{bar.display}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
