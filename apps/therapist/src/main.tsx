import "@mm/ui/styles.css";
import { PortalRoot, portalRoutes } from "@mm/ui";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter } from "react-router";
import { nav, routes } from "./routes";

const router = createBrowserRouter(portalRoutes({ role: "therapist", nav, routes }), {
  basename: "/therapist",
});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <PortalRoot router={router} />
  </StrictMode>,
);
