"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, type Dispatch, type SetStateAction } from "react";

const POLL_MS = 1_000;

/**
 * A long job's progress, polled once a second from its guarded progress route (`urlOf`) while
 * `isLive` says it runs. When it ends, the page is refreshed once so the finished result replaces the
 * progress. `setValue` starts polling a job the caller just queued; `isUnreachable` is set while the
 * route does not answer.
 */
export function usePolledProgress<T>(
  initial: T,
  urlOf: (value: T) => string | null,
  isLive: (value: T) => boolean,
): { value: T; setValue: Dispatch<SetStateAction<T>>; isUnreachable: boolean } {
  const router = useRouter();
  const [value, setValue] = useState(initial);
  const [isUnreachable, setIsUnreachable] = useState(false);
  const url = isLive(value) ? urlOf(value) : null;

  useEffect(() => {
    if (!url) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();
    async function poll() {
      try {
        const response = await fetch(url!, { signal: controller.signal, cache: "no-store" });
        if (!response.ok) throw new Error(String(response.status));
        const next = (await response.json()) as T;
        setValue(next);
        setIsUnreachable(false);
        if (!isLive(next)) {
          router.refresh();
          return;
        }
      } catch {
        if (controller.signal.aborted) return;
        setIsUnreachable(true);
      }
      timer = setTimeout(poll, POLL_MS);
    }
    timer = setTimeout(poll, POLL_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
    // isLive is a module-level predicate in every caller; the URL decides what is polled
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url, router]);

  return { value, setValue, isUnreachable };
}
