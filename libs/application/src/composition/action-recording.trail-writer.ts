import { type DirectoryChange, type PreparedEntries, type SealedEntry, type TrailRecordInput, TrailWriter } from '#vigie/trail';

/** A transaction's trail writer that also notes which actions it recorded, for the unit of work's before-commit hook. */
export class ActionRecordingTrailWriter extends TrailWriter {
  constructor(
    private readonly inner: TrailWriter,
    private readonly actions: string[],
  ) {
    super();
  }

  record(input: TrailRecordInput): Promise<SealedEntry> {
    this.actions.push(input.action);
    return this.inner.record(input);
  }

  recordMany(inputs: TrailRecordInput[]): Promise<SealedEntry[]> {
    for (const i of inputs) this.actions.push(i.action);
    return this.inner.recordMany(inputs);
  }

  override prepareDirectoryChanges(directory: string, syncRunId: string, changes: DirectoryChange[]): PreparedEntries {
    const prepared = this.inner.prepareDirectoryChanges(directory, syncRunId, changes);
    return {
      record: async () => {
        const sealed = await prepared.record();
        for (const e of sealed) this.actions.push(e.action);
        return sealed;
      },
    };
  }
}
