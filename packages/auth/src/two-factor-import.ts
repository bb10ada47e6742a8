import { type Db, twoFactor, user } from "@mm/db";
import { symmetricEncrypt } from "better-auth/crypto";
import { eq } from "drizzle-orm";
import type { Auth } from "./server";

/**
 * Turns on TOTP for an account with a known base32 secret, stored exactly as better-auth's twoFactor plugin
 * stores an imported one (`base32:` prefix, encrypted with the auth secret). For the demo seed only: the demo
 * physician's secret is published in the README so anyone can sign with it.
 */
export async function importTotpSecret(
  auth: Auth,
  db: Db,
  userId: string,
  base32Secret: string,
): Promise<void> {
  const { secretConfig } = await auth.$context;
  const secret = await symmetricEncrypt({ key: secretConfig, data: `base32:${base32Secret}` });
  const backupCodes = await symmetricEncrypt({ key: secretConfig, data: JSON.stringify([]) });
  await db.transaction(async (tx) => {
    await tx.delete(twoFactor).where(eq(twoFactor.userId, userId));
    await tx.insert(twoFactor).values({ userId, secret, backupCodes, verified: true });
    await tx.update(user).set({ twoFactorEnabled: true }).where(eq(user.id, userId));
  });
}
