import { auditProgressReporter, formatAuditTimings } from './audit-progress.reporter.js';

describe(auditProgressReporter.name, () => {
  const streamOf = (isTTY: boolean) => {
    const written: string[] = [];
    return { written, stream: { isTTY, columns: 200, write: (s: string) => written.push(s) > 0 } };
  };
  const clock = (...ms: number[]) => {
    const times = [...ms];
    return () => times.shift() ?? 0;
  };

  it('redraws one line with a bar over the rules on a terminal, and clears it at the end', () => {
    const { written, stream } = streamOf(true);
    const sut = auditProgressReporter(stream, { now: clock(0, 1500, 4000) });
    sut.update({ step: 'effective-access', directories: 1 });
    sut.update({ step: 'rule', rule: 'G-PEER-OUTLIER', index: 12, total: 24 });
    sut.done();
    expect(written).toEqual([
      '\r\x1b[2Kaudit: computing effective access (1 directory) · 1.5 s',
      '\r\x1b[2Kaudit: [████████████░░░░░░░░░░░░] rule 13/24 G-PEER-OUTLIER · 4.0 s',
      '\r\x1b[2K',
    ]);
  });

  it('writes one line per step without a terminal, once the audit has run a while', () => {
    const { written, stream } = streamOf(false);
    const sut = auditProgressReporter(stream, { now: clock(0, 500, 2500, 2600) });
    sut.update({ step: 'loading', what: 'snapshots' });
    sut.update({ step: 'rule', rule: 'G-MOVER', index: 0, total: 43 });
    sut.update({ step: 'storing', findings: 27368 });
    sut.done();
    expect(written).toEqual(['audit: rule 1/43 G-MOVER (2.5 s)\n', 'audit: storing 27,368 findings (2.6 s)\n']);
  });

  it('writes every step from the start when verbose', () => {
    const { written, stream } = streamOf(false);
    const sut = auditProgressReporter(stream, { verbose: true, now: clock(0, 10) });
    sut.update({ step: 'loading', what: 'policy' });
    expect(written).toEqual(['audit: reading the policy (0.0 s)\n']);
  });
});

describe(formatAuditTimings.name, () => {
  it('lists the set-up and the rules, slowest first, with the total', () => {
    expect(
      formatAuditTimings([
        { step: 'effective-access', seconds: 2.5 },
        { step: 'H-GUEST', seconds: 0.01, findings: 0 },
        { step: 'G-PEER-OUTLIER', seconds: 3.25, findings: 120 },
      ]),
    ).toBe(
      'evaluation times:\n' +
        '  G-PEER-OUTLIER       3.25 s  120 findings\n' +
        '  effective-access     2.50 s\n' +
        '  H-GUEST              0.01 s  0 findings\n' +
        '  evaluation           5.76 s\n',
    );
  });
});
