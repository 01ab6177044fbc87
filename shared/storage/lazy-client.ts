/**
 * An SDK client made on first use, then kept for the life of the execution environment (reused across
 * invocations). Importing a client module costs its bundle size only where it is imported; making it
 * lazily keeps its construction (and its reading of the environment) out of module init, so a function
 * that does not reach a service on a request does not pay for it.
 */
export function lazyClient<T extends object>(create: () => T): T {
  let client: T | undefined;
  const instance = (): T => (client ??= create());
  return new Proxy({} as T, {
    get: (_, property) => {
      const value = Reflect.get(instance(), property);
      return typeof value === 'function' ? value.bind(instance()) : value;
    },
  });
}
