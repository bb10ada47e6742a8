import { Anchor, Stack } from "@mantine/core";
import { apiErrorCode, EmptyState, ErrorState, LoadingState, NotFoundPage, PageHeader } from "@mm/ui";
import { PrescriptionDocument } from "@mm/ui/referral";
import { Link, useParams } from "react-router";
import { useReferral } from "../lib/referral-queries";
import { isUuid } from "../lib/referral-text";
import { ReferralNotFound } from "./referral-page";

/** The current prescription as a printable sheet (the browser's print dialog saves it as PDF). */
export default function PrescriptionPage() {
  const { id } = useParams();
  if (!isUuid(id)) return <NotFoundPage />;
  return <PrescriptionView key={id} id={id} />;
}

function PrescriptionView({ id }: { id: string }) {
  const referral = useReferral(id);
  const back = (
    <Anchor component={Link} to={`/referrals/${id}`} className="mm-no-print">
      Back to the referral
    </Anchor>
  );
  if (referral.isPending) return <LoadingState label="Loading the prescription" />;
  if (referral.isError) {
    if (apiErrorCode(referral.error) === "NOT_FOUND") return <ReferralNotFound />;
    return (
      <Stack gap="lg">
        <PageHeader title="Prescription" />
        <ErrorState
          error={referral.error}
          title="Could not load the prescription"
          onRetry={() => referral.refetch()}
        />
      </Stack>
    );
  }
  const rx = referral.data.currentPrescription;
  return (
    <Stack gap="lg">
      <div className="mm-no-print">
        <PageHeader
          title="Prescription"
          description="Print it or save it as a PDF for your insurer, your HSA/FSA or your therapist."
        />
      </div>
      {back}
      {rx ? (
        <PrescriptionDocument referral={referral.data} prescription={rx} />
      ) : (
        <EmptyState title="No prescription yet">
          Your physician has not signed a prescription for this referral yet.
        </EmptyState>
      )}
    </Stack>
  );
}
