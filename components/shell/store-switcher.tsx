"use client";

import { Store } from "lucide-react";
import { useOptimistic, useTransition } from "react";
import { setActiveStoreAction } from "@/app/(app)/actions";
import { Select, SelectContent, SelectItem, SelectSeparator, SelectTrigger, SelectValue } from "@/components/ui/select";
import { cn } from "@/components/ui/cn";
import { useToast } from "@/components/ui/toast";

const ALL = "all";

export function StoreSwitcher({
  stores,
  activeStoreId,
  className,
}: {
  stores: { id: string; code: string; name: string }[];
  activeStoreId: string | null;
  className?: string;
}) {
  const [isPending, startTransition] = useTransition();
  const [value, setOptimisticValue] = useOptimistic(activeStoreId ?? ALL);
  const toast = useToast();

  return (
    <div className={cn("flex items-center", className)} aria-busy={isPending}>
      <Select
        value={value}
        onValueChange={(storeId) =>
          startTransition(async () => {
            setOptimisticValue(storeId);
            const result = await setActiveStoreAction({ storeId });
            if (!result.ok) toast(`The store could not be changed: ${result.message}`, "error");
          })
        }
      >
        <SelectTrigger aria-label="Store" className={cn("h-8 w-[11rem] gap-2 bg-transparent sm:w-[14rem]", isPending && "opacity-70")}>
          <Store aria-hidden className="size-4 shrink-0 text-muted-foreground" strokeWidth={1.75} />
          {/* explicit text, so the server render already shows the store (Radix fills it in only after hydration) */}
          <SelectValue>{stores.find((store) => store.id === value)?.name ?? "All my stores"}</SelectValue>
        </SelectTrigger>
        <SelectContent align="end">
          <SelectItem value={ALL}>All my stores</SelectItem>
          <SelectSeparator />
          {stores.map((store) => (
            <SelectItem key={store.id} value={store.id}>
              {store.name} <span className="text-muted-foreground">· {store.code}</span>
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
}
