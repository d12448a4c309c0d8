/**
 * A stand-in for an object a beforeAll hook makes: every property read or write goes to the
 * object of the moment, so a test file can name it at the top and use it once the hook has run.
 * Meant for plain objects (no #private fields); methods are called with the stand-in as `this`,
 * which reads through to the object as well.
 */
export function lateBound<T extends object>(current: () => T | undefined, name: string): T {
  const target = (): T => {
    const value = current();
    if (value === undefined) throw new Error(`${name} is used before the beforeAll hook made it`);
    return value;
  };
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(target(), key),
    set: (_, key, value) => Reflect.set(target(), key, value),
    has: (_, key) => Reflect.has(target(), key),
  });
}
