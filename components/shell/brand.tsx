import Link from "next/link";
import { cn } from "@/components/ui/cn";

/** The wordmark: a thin bezel around a V, set in the serif. */
export function Brand({ className }: { className?: string }) {
  return (
    <Link
      href="/"
      className={cn(
        "inline-flex items-center gap-2.5 rounded-md outline-none focus-visible:ring-[3px] focus-visible:ring-ring/60",
        className,
      )}
    >
      <span aria-hidden className="flex size-7 items-center justify-center rounded-full border border-gold/60 font-serif text-sm text-gold-foreground">
        V
      </span>
      <span className="font-serif text-lg tracking-[0.08em]">Vitrine</span>
    </Link>
  );
}
