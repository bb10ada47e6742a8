export {
  type CreateDbOptions,
  createDb,
  type Db,
  type DbHandle,
  type DbOrTx,
  migrationsFolder,
  pgliteExtensions,
  queryRows,
  type Schema,
  type Tx,
} from "./client";
export type { Notifier } from "./notifier";
export * as schema from "./schema/index";
export * from "./schema/index";
