import type { Metadata } from "next";
import Link from "next/link";
import { FileQuestion } from "lucide-react";
import { StatusPage } from "@/components/feedback/status-page";
import { buttonVariants } from "@/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <main>
      <StatusPage
        icon={FileQuestion}
        code="404"
        title="This page does not exist"
        description="The link may be out of date, or the page was moved."
        actions={
          <Link href="/" className={buttonVariants({ variant: "outline" })}>
            Back to the overview
          </Link>
        }
      />
    </main>
  );
}
