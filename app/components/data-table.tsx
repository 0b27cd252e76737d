import type { ReactNode } from 'react';

export interface TableColumn<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  /** Extra classes for this column's cells (alignment, number formatting). */
  className?: string;
}

/** The one table of lists and reports: horizontally scrollable, with a message when there are no rows. */
export function DataTable<Row>({ columns, rows, rowKey, empty }: { columns: readonly TableColumn<Row>[]; rows: readonly Row[]; rowKey: (row: Row) => string | number; empty: ReactNode }) {
  if (rows.length === 0) return <p className="mt-3 text-slate-700">{empty}</p>;
  return (
    <div className="mt-4 overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className="py-2 pr-4 font-medium">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className="border-b border-slate-100 align-top">
              {columns.map((column) => (
                <td key={column.header} className={`py-2.5 pr-4 text-slate-700 ${column.className ?? ''}`}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
