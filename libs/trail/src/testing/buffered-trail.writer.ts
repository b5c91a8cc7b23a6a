import type { SealedEntry, TrailRecordInput } from '../trail-entry.model.js';
import { TrailWriter } from '../trail-writer.js';

/**
 * The trail of an in-memory transaction, for unit specs: keeps what is recorded until `flushTo` hands it to the
 * real writer (the transaction committed); dropped otherwise, as a rolled-back transaction's entries are.
 */
export class BufferedTrailWriter extends TrailWriter {
  private readonly buffered: TrailRecordInput[] = [];

  async record(input: TrailRecordInput): Promise<SealedEntry> {
    this.buffered.push(input);
    return { action: input.action } as SealedEntry;
  }

  async recordMany(inputs: TrailRecordInput[]): Promise<SealedEntry[]> {
    return Promise.all(inputs.map((i) => this.record(i)));
  }

  async flushTo(writer: TrailWriter): Promise<void> {
    if (this.buffered.length) await writer.recordMany(this.buffered.splice(0));
  }
}

/** Keeps what is recorded, for specs to read. */
export class RecordingTrailWriter extends TrailWriter {
  readonly inputs: TrailRecordInput[] = [];

  get actions(): string[] {
    return this.inputs.map((i) => i.action);
  }

  async record(input: TrailRecordInput): Promise<SealedEntry> {
    this.inputs.push(input);
    return { action: input.action } as SealedEntry;
  }

  async recordMany(inputs: TrailRecordInput[]): Promise<SealedEntry[]> {
    return Promise.all(inputs.map((i) => this.record(i)));
  }
}
