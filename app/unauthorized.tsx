import Link from "next/link";
import { LogIn } from "lucide-react";
import { StatusPage } from "@/components/feedback/status-page";
import { buttonVariants } from "@/components/ui/button";

export default function Unauthorized() {
  return (
    <main>
      <StatusPage
        icon={LogIn}
        code="401"
        title="Your session has ended"
        description="Sign in again to carry on. Nothing was changed."
        actions={
          <Link href="/sign-in" className={buttonVariants()}>
            Sign in
          </Link>
        }
      />
    </main>
  );
}
