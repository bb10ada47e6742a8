import { useEffect } from "react";
import "./print.css";

// Several printable components may be mounted at once; the attribute stays until the last one unmounts.
let printables = 0;

/** While mounted, printing the page prints only `.mm-print-root` (see print.css). */
export function usePrintMode() {
  useEffect(() => {
    printables += 1;
    document.body.setAttribute("data-mm-printing", "");
    return () => {
      printables -= 1;
      if (printables === 0) document.body.removeAttribute("data-mm-printing");
    };
  }, []);
}
