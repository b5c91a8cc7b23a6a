/**
 * A hand-written fake of a domain service, for a use case's spec: it implements, with their real signatures, the
 * methods the use case calls. The services are classes with private fields, which no object literal can match
 * structurally; this is the one place a spec says "take this fake for the service".
 */
export function fakeOf<T>(fake: Partial<T>): T {
  return fake as T;
}
