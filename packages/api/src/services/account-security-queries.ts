import { type Db, user } from "@mm/db";
import { eq } from "drizzle-orm";

/** Read from the table, not the session: a cookie-cached session may predate enrolment or its removal. */
export async function hasTwoFactor(db: Db, userId: string): Promise<boolean> {
  const [row] = await db.select({ on: user.twoFactorEnabled }).from(user).where(eq(user.id, userId));
  return row?.on ?? false;
}
