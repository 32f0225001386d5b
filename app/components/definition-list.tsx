import type { ReactNode } from "react";

export function DefinitionList({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="row">
      {rows.map(([term, value]) => (
        <div key={term} className="col-12 d-md-flex border-bottom py-2">
          <dt className="col-md-4">{term}</dt>
          <dd className="col-md-8 mb-0">{value ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}
