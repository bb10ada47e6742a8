import { createHash } from "node:crypto";
import type { Db } from "@mm/db";

type Preparable<P> = { toSQL(): { sql: string }; prepare(name: string): P };
type Key = string | number | boolean;

const statements = new WeakMap<Db, Map<unknown, Map<string, unknown>>>();

/**
 * A hot read prepared once per database and shape: Drizzle builds its SQL once, and PostgreSQL parses and plans it
 * once per connection instead of on every request (planning a many-join statement costs more than running it).
 * `build(db, ...shape)` is called once per distinct shape (role, filters present…); the statement's name is a hash
 * of the SQL it produced, so two shapes can never share a name by mistake.
 */
export function prepared<S extends Key[], P>(
  db: Db,
  build: (db: Db, ...shape: S) => Preparable<P>,
  ...shape: S
): P {
  let byBuilder = statements.get(db);
  if (!byBuilder) {
    byBuilder = new Map();
    statements.set(db, byBuilder);
  }
  let byShape = byBuilder.get(build) as Map<string, P> | undefined;
  if (!byShape) {
    byShape = new Map();
    byBuilder.set(build, byShape);
  }
  const key = shape.join("|");
  let statement = byShape.get(key);
  if (!statement) {
    const query = build(db, ...shape);
    statement = query.prepare(statementName(query.toSQL().sql));
    byShape.set(key, statement);
  }
  return statement;
}

/** `q_` + a stable hash of the statement's text (PostgreSQL keeps one prepared statement per name and connection). */
const statementName = (text: string) => `q_${createHash("sha256").update(text).digest("hex").slice(0, 20)}`;
