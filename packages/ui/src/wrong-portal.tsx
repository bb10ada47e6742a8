import { Button, Group, Stack, Text, Title } from "@mantine/core";
import { PORTAL_PATH, type Role, type SignupRole } from "@mm/domain";
import { BarePage } from "./bare-page";
import { ROLE_NAME, withArticle } from "./roles";
import { useSignOut } from "./sign-out";

/** Someone signed in with another role opened this portal: tell them where theirs is. */
export function WrongPortalPage({ portalRole, userRole }: { portalRole: SignupRole; userRole: Role }) {
  const { signOut, pending } = useSignOut();
  const theirs = userRole === "admin" ? null : userRole;
  return (
    <BarePage title="Wrong portal">
      <Stack gap="md">
        <Title order={1}>This is the {ROLE_NAME[portalRole]} portal.</Title>
        <Text size="lg">You are signed in as {withArticle(userRole)}.</Text>
        {theirs ? (
          <Text>Your account works in the {ROLE_NAME[theirs]} portal.</Text>
        ) : (
          <Text>Admin accounts use the operator command line, not a portal.</Text>
        )}
        <Group>
          {theirs ? (
            <Button component="a" href={PORTAL_PATH[theirs]}>
              Go to the {ROLE_NAME[theirs]} portal
            </Button>
          ) : null}
          <Button variant="default" onClick={signOut} loading={pending}>
            Sign out
          </Button>
        </Group>
      </Stack>
    </BarePage>
  );
}
