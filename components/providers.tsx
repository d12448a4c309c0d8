"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";

/**
 * Provided by the layouts of the pages that use it (a batch check's results, a workgroup's member
 * changes), not by the root layout: pages without it load ~8 kB gzip less. The patient journeys
 * that update (self-claim, emergency access, change status) use plain React state and fetch
 * (components/lr/use-lr-update.ts) and do not load it either.
 * TanStack Query for client-side data that changes while a page is open (a batch's results, a
 * workgroup member change). 30 s stale time avoids refetch storms while a user moves between tabs.
 */
export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false },
          mutations: { retry: 0 },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
