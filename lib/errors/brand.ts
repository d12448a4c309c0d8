/**
 * Next.js may bundle one module into several route bundles, so an error class can exist twice in a
 * process and `instanceof` fails across them (an error thrown by the shared Spine runtime, checked in
 * another route). Error classes carry a registry symbol instead, and checks look for it.
 */
export function errorBrand(name: string): symbol {
  return Symbol.for(`lr-manager.error.${name}`);
}

export function hasBrand(value: unknown, brand: symbol): boolean {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}
