-- Every deleted session (sign-out, revoke-session, revoke-other-sessions, password change with revoke, user
-- deletion, expiry clean-up, the operator CLI) is announced on commit, so every server instance drops it from its
-- session memo and closes its live streams. A trigger is the one place no delete path can bypass.
CREATE OR REPLACE FUNCTION mm_notify_session_revoked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('session_revoked', OLD.id::text);
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER session_revoked_notify AFTER DELETE ON "session"
  FOR EACH ROW EXECUTE FUNCTION mm_notify_session_revoked();
