"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { Gem, Loader2, Search, UserRound } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { fieldControlClass } from "@/components/ui/input";
import { pieceName } from "@/lib/clienteling/labels";
import type { SearchResults } from "@/lib/search/search";

const DEBOUNCE_MS = 150;
const MIN_LENGTH = 3;

type Option = { key: string; href: string; kind: "client" | "item"; title: string; detail: string };

function optionsOf(results: SearchResults | null): Option[] {
  if (!results) return [];
  return [
    ...results.clients.map(
      (c): Option => ({
        key: `client-${c.id}`,
        href: `/clients/${c.id}`,
        kind: "client",
        title: `${c.firstName} ${c.lastName}`,
        detail: [c.email, c.phone, c.loyaltyId, c.homeStoreCode].filter(Boolean).join(" · "),
      }),
    ),
    ...results.items.map(
      (i): Option => ({
        key: `item-${i.id}`,
        href: `/items/${i.id}`,
        kind: "item",
        title: i.serialNumber,
        detail: [pieceName(i.brand, i.productName), i.owner?.name].filter(Boolean).join(" · "),
      }),
    ),
  ];
}

/**
 * The header's one search box: clients and serial numbers as you type. An ARIA 1.2 combobox: the
 * input keeps focus, arrows move the active option, Enter opens it, Escape closes the list.
 */
export function GlobalSearch({ placeholder }: { placeholder: string }) {
  const router = useRouter();
  const listId = useId();
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<SearchResults | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  const [isOpen, setIsOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const requestRef = useRef<AbortController | null>(null);

  useEffect(() => {
    const trimmed = query.trim();
    if (trimmed.length < MIN_LENGTH) {
      requestRef.current?.abort();
      return;
    }
    const timer = setTimeout(async () => {
      requestRef.current?.abort();
      const controller = new AbortController();
      requestRef.current = controller;
      setIsLoading(true);
      try {
        const response = await fetch(`/api/search?q=${encodeURIComponent(trimmed)}`, { signal: controller.signal });
        if (!response.ok) throw new Error(String(response.status));
        setResults((await response.json()) as SearchResults);
        setActive(-1);
      } catch (error) {
        if ((error as Error).name !== "AbortError") setResults({ query: trimmed, clients: [], items: [] });
      } finally {
        if (requestRef.current === controller) setIsLoading(false);
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const isLongEnough = query.trim().length >= MIN_LENGTH;
  const options = useMemo(() => (isLongEnough ? optionsOf(results) : []), [results, isLongEnough]);
  const isExpanded = isOpen && isLongEnough && results !== null;

  function open(option: Option) {
    setIsOpen(false);
    setQuery("");
    setResults(null);
    router.push(option.href);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setIsOpen(true);
      setActive((i) => (options.length === 0 ? -1 : (i + 1) % options.length));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((i) => (options.length === 0 ? -1 : i <= 0 ? options.length - 1 : i - 1));
    } else if (event.key === "Enter") {
      const chosen = options[active] ?? (options.length === 1 ? options[0] : undefined);
      if (chosen) {
        event.preventDefault();
        open(chosen);
      }
    } else if (event.key === "Escape") {
      setIsOpen(false);
      setActive(-1);
    }
  }

  const groups: { kind: Option["kind"]; label: string }[] = [
    { kind: "client", label: "Clients" },
    { kind: "item", label: "Serial numbers" },
  ];

  return (
    <div className="relative w-full max-w-md">
      <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
      <input
        type="search"
        role="combobox"
        aria-label="Search clients and serial numbers"
        aria-autocomplete="list"
        aria-expanded={isExpanded}
        aria-controls={listId}
        aria-activedescendant={isExpanded && options[active] ? `${listId}-${options[active].key}` : undefined}
        autoComplete="off"
        spellCheck={false}
        value={query}
        placeholder={placeholder}
        onChange={(event) => {
          setQuery(event.target.value);
          setIsOpen(true);
        }}
        onFocus={() => setIsOpen(true)}
        onBlur={() => setIsOpen(false)}
        onKeyDown={onKeyDown}
        className={cn(fieldControlClass, "h-9 py-1 pr-9 pl-9")}
      />
      {isLoading ? (
        <Loader2 aria-hidden className="absolute top-1/2 right-3 size-4 -translate-y-1/2 animate-spin text-muted-foreground" />
      ) : null}
      <div
        id={listId}
        role="listbox"
        aria-label="Search results"
        hidden={!isExpanded}
        className="absolute top-full right-0 left-0 z-50 mt-1 max-h-[70vh] overflow-y-auto rounded-md border bg-popover p-1 text-popover-foreground shadow-lg"
      >
        {options.length === 0 ? (
          <p className="px-3 py-2 text-sm text-muted-foreground">No client or serial number matches “{query.trim()}”.</p>
        ) : (
          groups.map(({ kind, label }) => {
            const inGroup = options.filter((o) => o.kind === kind);
            if (inGroup.length === 0) return null;
            return (
              <div key={kind} role="group" aria-label={label}>
                <p aria-hidden className="px-3 pt-2 pb-1 text-xs font-medium text-muted-foreground uppercase">
                  {label}
                </p>
                {inGroup.map((option) => {
                  const index = options.indexOf(option);
                  const Icon = option.kind === "client" ? UserRound : Gem;
                  return (
                    <div
                      key={option.key}
                      id={`${listId}-${option.key}`}
                      role="option"
                      aria-selected={index === active}
                      onMouseDown={(event) => event.preventDefault()}
                      onClick={() => open(option)}
                      onMouseEnter={() => setActive(index)}
                      className={cn(
                        "flex cursor-pointer items-start gap-2 rounded-sm px-3 py-2 text-sm",
                        index === active && "bg-accent text-accent-foreground",
                      )}
                    >
                      <Icon aria-hidden className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
                      <span className="min-w-0">
                        <span className={cn("block font-medium", option.kind === "item" && "font-mono")}>{option.title}</span>
                        {option.detail ? <span className="block truncate text-xs text-muted-foreground">{option.detail}</span> : null}
                      </span>
                    </div>
                  );
                })}
              </div>
            );
          })
        )}
      </div>
    </div>
  );
}
