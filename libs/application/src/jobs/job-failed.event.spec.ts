import { jobFailedEvent } from './job-failed.event.js';

describe(jobFailedEvent.name, () => {
  const job = {
    id: '0b9c4c1e-5a7e-4a53-9d2f-111111111111',
    name: 'provision-membership',
    payload: { member: 'uid=alice,ou=people,dc=acme,dc=test' },
    error: { message: 'the group cn=payroll does not exist', kind: 'not-found' },
    retryCount: 0,
    createdAt: new Date(),
    failedAt: new Date(),
  };

  it('names the job, its error and the commands that list and retry it', () => {
    expect(jobFailedEvent(job)).toEqual({
      kind: 'job-failed',
      title: 'Job provision-membership failed',
      lines: [
        'Job 0b9c4c1e-5a7e-4a53-9d2f-111111111111 (provision-membership) failed after 1 try (not-found): the group cn=payroll does not exist',
        '`vigie jobs failed` lists the failed jobs; once the cause is fixed, `vigie jobs retry <id>` runs this one again.',
      ],
    });
  });

  it('counts the tries, and never carries the payload (it may name people)', () => {
    const event = jobFailedEvent({ ...job, retryCount: 10, error: { message: 'the directory does not answer', kind: null } });
    expect(event.lines[0]).toBe('Job 0b9c4c1e-5a7e-4a53-9d2f-111111111111 (provision-membership) failed after 11 tries: the directory does not answer');
    expect(JSON.stringify(event)).not.toContain('alice');
  });
});
