import type { Db } from "@mm/db";

const statements = new WeakMap<Db, Map<string, unknown>>();

/**
 * A hot read prepared once per database and name: Drizzle builds its SQL once, and PostgreSQL parses and plans it
 * once per connection instead of on every request (planning a many-join statement costs more than running it).
 * `name` must identify the statement's shape (e.g. include the caller's role when the SQL depends on it).
 */
export function prepared<T>(db: Db, name: string, build: (name: string) => T): T {
  let byName = statements.get(db);
  if (!byName) {
    byName = new Map();
    statements.set(db, byName);
  }
  let statement = byName.get(name) as T | undefined;
  if (!statement) {
    statement = build(name);
    byName.set(name, statement);
  }
  return statement;
}
