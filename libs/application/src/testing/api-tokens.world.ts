import { type ApiTokenTransaction, ApiTokenService } from '#vigie/access-control';
import { InMemoryUnitOfWork } from '#vigie/common/testing';
import { BufferedTrailWriter, RecordingTrailWriter } from '#vigie/trail/testing';
import { InMemoryApiTokenStore } from './in-memory-api-token.store.js';

/**
 * The real ApiTokenService over in-memory ports: its tokens, the trail its transactions committed (`committed`), and
 * the unit of work's counts. The token rows are written at once; the trail entries land only when a transaction commits.
 */
export function apiTokensWorld(now: () => Date = () => new Date()) {
  const store = new InMemoryApiTokenStore(now);
  const committed = new RecordingTrailWriter();
  const uow = new InMemoryUnitOfWork<ApiTokenTransaction>(() => {
    const trail = new BufferedTrailWriter();
    return { tx: { tokens: store, trail }, commit: () => trail.flushTo(committed) };
  });
  return { tokens: new ApiTokenService(store, uow), store, committed, uow };
}
