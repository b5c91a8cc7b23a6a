import { renderReport } from './report-file.js';
import { subjectsOf } from './report-subjects.js';
import { sampleReport } from './testing/sample-report.js';

describe('subjectsOf', () => {
  it('lists everyone the report names once, lower-cased and sorted: subjects, privileged accounts, holders, risk acceptances', () => {
    const report = sampleReport('en', {
      personalData: [{ id: 'payroll', name: 'Payroll', criticality: 'high', categories: [], holders: 2, firstHolders: ['Alice', 'BOB'] }],
    });
    expect(subjectsOf(report)).toEqual(['<script>alert(1)</script>', 'admin.jean', 'alice', 'bob', 'rssi', 'svc.backup']);
  });

  it('names no one in a report without people', () => {
    expect(subjectsOf(sampleReport('fr', { rules: [], privileged: [], personalData: [], riskAcceptances: [] }))).toEqual([]);
  });

  it('comes with the rendered file, for the store', async () => {
    const report = sampleReport('fr');
    expect((await renderReport(report, 'html')).subjects).toEqual(subjectsOf(report));
  });
});
