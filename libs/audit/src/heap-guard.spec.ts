import { isVigieError } from '#vigie/common';
import { AuditOutOfMemoryError, HeapGuard } from './heap-guard.js';

describe(HeapGuard.name, () => {
  const MB = 2 ** 20;
  const heap = (usedMb: number[]) => {
    const values = [...usedMb];
    return () => ({ used_heap_size: (values.shift() ?? 0) * MB, heap_size_limit: 4096 * MB });
  };

  it('lets a run go on while the heap has room, or fills only for a moment (garbage not yet collected)', () => {
    const sut = new HeapGuard(0.9, 3, heap([1000, 3900, 3900, 1200, 3900, 3900, 2000]));
    for (let i = 0; i < 7; i++) expect(() => sut.check('before G-MOVER')).not.toThrow();
  });

  it('stops the run with a resource-exhausted error that says what to do when the heap stays full', () => {
    const sut = new HeapGuard(0.9, 3, heap([3800, 3900, 4000]));
    sut.check('before G-PEER-OUTLIER');
    sut.check('before G-PEER-OUTLIER');
    let error: unknown;
    try {
      sut.check('in G-PEER-OUTLIER');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AuditOutOfMemoryError);
    expect(isVigieError(error) && error.kind).toBe('resource-exhausted');
    expect((error as Error).message).toBe(
      'the audit stopped in G-PEER-OUTLIER: it uses 4000 MB of the 4096 MB heap Node gives this process, and would run out of memory. ' +
        "Give it a larger heap, e.g. NODE_OPTIONS=--max-old-space-size=8192 (in MB, within the machine's memory), and run it again",
    );
  });
});
