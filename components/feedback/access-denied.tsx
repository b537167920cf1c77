import Link from "next/link";
import { Lock } from "lucide-react";
import { buttonVariants } from "@/components/ui/button";
import { StatusPage } from "./status-page";

/** The 403 page: the same words inside the shell and outside it. */
export function AccessDenied() {
  return (
    <StatusPage
      icon={Lock}
      code="403"
      title="You don't have access to this page"
      description="Your role does not include this section. If you need it, ask an administrator."
      actions={
        <Link href="/" className={buttonVariants({ variant: "outline" })}>
          Back to the overview
        </Link>
      }
    />
  );
}
