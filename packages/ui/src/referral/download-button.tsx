import { Button } from "@mantine/core";

/**
 * Downloads a server-rendered document. A plain link: the session cookie goes with it, and the server answers
 * with Content-Disposition: attachment (the page stays where it is). Never printed itself.
 */
export function DownloadButton({ href, label = "Download PDF" }: { href: string; label?: string }) {
  return (
    <Button className="mm-no-print" component="a" href={href} download>
      {label}
    </Button>
  );
}
