"use client";

import { TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { StatusPage } from "@/components/feedback/status-page";
import { Button, buttonVariants } from "@/components/ui/button";

/** A page failed on the server. The message stays there; the digest lets support find it in the logs. */
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const [isRetrying, startRetry] = useTransition();
  // the failure happened on the server: fetch the page again, then leave the error state
  const retry = () =>
    startRetry(() => {
      router.refresh();
      reset();
    });
  return (
    <div role="alert">
      <StatusPage
        icon={TriangleAlert}
        title="This page could not be loaded"
        description={
          <>
            <p>Something went wrong on our side. Nothing you did was lost; try again in a moment.</p>
            {error.digest ? (
              <p className="mt-3 font-mono text-xs">
                Reference <span className="select-all">{error.digest}</span>
              </p>
            ) : null}
          </>
        }
        actions={
          <>
            <Button onClick={retry} disabled={isRetrying}>
              {isRetrying ? "Trying again…" : "Try again"}
            </Button>
            <Link href="/" className={buttonVariants({ variant: "ghost" })}>
              Back to the overview
            </Link>
          </>
        }
      />
    </div>
  );
}
