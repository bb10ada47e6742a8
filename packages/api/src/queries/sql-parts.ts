import { type AnyColumn, type SQL, sql } from "drizzle-orm";

type Columns = Record<string, AnyColumn>;

/** A column's bare name, as a SET list, an insert's column list or a CTE's output needs it. */
export const columnName = (column: AnyColumn) => sql.identifier(column.name);
export type RowOf<C extends Columns> = {
  [K in keyof C]: C[K]["_"]["data"] | (C[K]["_"]["notNull"] extends true ? never : null);
};

/**
 * `json_build_object('key', column, …)`: lets one statement carry a referral's child rows (prescriptions,
 * invitations…) as a JSON array instead of one more round trip per collection.
 */
export function jsonObject(columns: Columns, extra: Record<string, SQL> = {}): SQL<JsonRow> {
  const pairs = Object.entries({ ...columns, ...extra }).map(
    ([key, value]) => sql`${sql.raw(`'${key}'`)}, ${value}`,
  );
  return sql<JsonRow>`json_build_object(${sql.join(pairs, sql`, `)})`;
}

/** A row as JSON carries it, before `fromJson` reads it back as its columns. */
export type JsonRow = Record<string, unknown>;

/** `coalesce((select json_agg(<object> order by …) from …), '[]')`: the rows of a correlated subquery, in order. */
export function jsonArray(columns: Columns, q: { from: SQL; orderBy: SQL }): SQL<JsonRow[]> {
  return sql<
    JsonRow[]
  >`coalesce((select json_agg(${jsonObject(columns)} order by ${q.orderBy}) ${q.from}), '[]'::json)`;
}

/** Reads a JSON row back exactly as Drizzle reads a column (timestamps to Date, jsonb, arrays…). */
export function fromJson<C extends Columns>(columns: C, raw: Record<string, unknown>): RowOf<C> {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(columns)) {
    const value = raw[key];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as RowOf<C>;
}
