/**
 * Iterates `source` with the request for the next item already in flight while the caller works on the current
 * one. For a paged LDAP search this overlaps the server preparing page k+1 with the client decoding page k;
 * ldapts' searchPaginated asks for the next page only when pulled, which leaves both sides waiting in turn (a
 * full read of Samba AD ran at 40 % of ldapsearch's rate that way).
 *
 * At most one item is read ahead. A failure of the read-ahead is thrown when its turn comes, as it would have
 * been without it. When the caller stops early, the source is told to return once its pending step settles.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  let pending = iterator.next();
  let finished = false;
  try {
    for (;;) {
      const result = await pending;
      if (result.done) {
        finished = true;
        return;
      }
      pending = iterator.next();
      // Awaited on the next turn; until then its rejection must not count as unhandled.
      pending.catch(() => undefined);
      yield result.value;
    }
  } catch (error) {
    finished = true;
    throw error;
  } finally {
    // Not awaited: the pending step may wait on a server that the caller is about to disconnect from.
    if (!finished) void iterator.return?.()?.catch(() => undefined);
  }
}
