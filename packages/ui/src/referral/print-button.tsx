import { Button } from "@mantine/core";

/** Opens the browser's print dialog, where "Save as PDF" is one of the printers. Never printed itself. */
export function PrintButton({ label = "Print or save as PDF" }: { label?: string }) {
  return (
    <Button className="mm-no-print" variant="default" onClick={() => window.print()}>
      {label}
    </Button>
  );
}
