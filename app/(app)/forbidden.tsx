import { AccessDenied } from "@/components/feedback/access-denied";

/** Inside the shell, so the navigation stays at hand; app/forbidden.tsx covers everything else. */
export default function Forbidden() {
  return <AccessDenied />;
}
