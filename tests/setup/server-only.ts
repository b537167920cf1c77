// Stands in for the `server-only` package under Vitest: outside a React Server Components bundle the
// real package throws on import, yet tests run server code directly.
export {};
