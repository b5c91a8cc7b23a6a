import type { TrailExportOptions, TrailExportResult, TrailExportService } from '#vigie/trail';
import { fakeOf, parsedBy, refusalsOf } from '../../testing/index.js';
import { ExportTrail } from './export-trail.use-case.js';

describe(ExportTrail.name, () => {
  const input = ExportTrail.definition.input;
  const write = (_text: string) => undefined;
  let asked: TrailExportOptions[];
  let sut: ExportTrail;

  beforeEach(() => {
    asked = [];
    const exporter: Pick<TrailExportService, 'export'> = {
      export: async (options): Promise<TrailExportResult> => {
        asked.push(options);
        await options.write('{"record":"entry"}\n');
        return { entries: 1, checkpoints: [] };
      },
    };
    sut = new ExportTrail(fakeOf<TrailExportService>(exporter));
  });

  it('needs the ability to read the audit log', () => {
    expect(ExportTrail.definition).toMatchObject({ name: 'export-trail', ability: ['read', 'AuditLog'] });
  });

  describe('its input', () => {
    it('exports JSON lines by default, and takes times as ISO 8601 text', () => {
      expect(parsedBy(input, { write, from: '2026-01-01', to: '2026-01-31T23:59:59Z' })).toEqual({
        format: 'jsonl',
        from: new Date('2026-01-01T00:00:00Z'),
        to: new Date('2026-01-31T23:59:59Z'),
        write,
      });
    });

    it('needs somewhere to write, saying so', () => {
      expect(refusalsOf(input, {})).toEqual(['write: expected a function that writes the output']);
    });

    it('refuses a range that ends before it starts, an unknown format or kind, and a time that is no date', () => {
      expect(refusalsOf(input, { write, from: '2026-02-01', to: '2026-01-01' })).toEqual(['from: must not be after to']);
      expect(refusalsOf(input, { write, format: 'xml' })).toEqual(['format: expected one of jsonl, csv']);
      expect(refusalsOf(input, { write, kind: 'audit' })).toEqual(['kind: expected one of access, change, operation']);
      expect(refusalsOf(input, { write, to: 'yesterday' })).toEqual(['to: expected an ISO 8601 date or time, e.g. 2026-05-01 or 2026-05-01T08:00:00Z']);
    });
  });

  it('exports every chain when no kind is given, through the writer given', async () => {
    const written: string[] = [];
    const out = await sut.execute(parsedBy(input, { format: 'csv', write: (text: string) => void written.push(text) }));
    expect(asked).toEqual([{ format: 'csv', from: undefined, to: undefined, chains: undefined, write: expect.any(Function) }]);
    expect(written).toEqual(['{"record":"entry"}\n']);
    expect(out).toEqual({ entries: 1, checkpoints: [] });
  });

  it('exports only the chain of the kind given, between the times given', async () => {
    await sut.execute(parsedBy(input, { write, kind: 'access', from: '2026-01-01', to: '2026-01-31' }));
    expect(asked[0]).toMatchObject({ chains: ['access'], from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-01-31T00:00:00Z') });
  });
});
