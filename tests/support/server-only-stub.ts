// Vitest runs outside React Server Components, where the real "server-only" package throws.
// Server modules still import "server-only" so a client import fails the Next build.
export {};
