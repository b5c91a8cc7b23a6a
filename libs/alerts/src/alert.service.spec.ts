import { AlertChannel } from './alert-channel.js';
import type { AlertMessage } from './alert.model.js';
import { AlertService } from './alert.service.js';

class RecordingChannel extends AlertChannel {
  readonly messages: AlertMessage[] = [];
  constructor(
    readonly name: string,
    private readonly failWith?: string,
  ) {
    super();
  }
  async send(message: AlertMessage): Promise<void> {
    if (this.failWith) throw new Error(this.failWith);
    this.messages.push(message);
  }
}

describe(AlertService.name, () => {
  const lockout = {
    kind: 'sign-in.locked-out',
    title: '[Vigie] sign-in locked out: the address 203.0.113.9',
    lines: ['What: the address 203.0.113.9 is locked out for 15 min.', 'How many: 50 failures.', 'From: 203.0.113.9.', 'Since: 2026-12-07T09:00:10.000Z.'],
  };
  const at = () => new Date('2026-12-07T09:01:00Z');

  it('sends a security event on every channel as a title and text, whatever the findings severity setting', async () => {
    const mail = new RecordingChannel('smtp');
    const hook = new RecordingChannel('webhook');
    const sut = new AlertService([mail, hook], { minSeverity: 'critical', publicUrl: 'https://vigie.acme.test/' }, undefined, at);
    expect(await sut.securityEvent(lockout)).toEqual({ sent: ['smtp', 'webhook'], failed: [] });
    expect(mail.messages).toEqual(hook.messages);
    expect(mail.messages[0]).toEqual({
      event: 'security.event',
      title: lockout.title,
      text: [
        lockout.title,
        'Security event sign-in.locked-out at 2026-12-07T09:01:00.000Z',
        '',
        ...lockout.lines,
        '',
        'https://vigie.acme.test/api/audit-log?action=auth.*',
      ].join('\n'),
      fields: {
        kind: 'sign-in.locked-out',
        title: lockout.title,
        lines: lockout.lines,
        at: '2026-12-07T09:01:00.000Z',
        link: 'https://vigie.acme.test/api/audit-log?action=auth.*',
      },
    });
  });

  it('never carries an API token, should a caller put one in a line', async () => {
    const hook = new RecordingChannel('webhook');
    const sut = new AlertService([hook], { minSeverity: 'high', publicUrl: null }, undefined, at);
    await sut.securityEvent({ kind: 'x', title: 'token vig_abcdefghijkl used', lines: ['the token vig_abcdefghijklmnop_-xyz was refused'] });
    expect(JSON.stringify(hook.messages)).not.toContain('abcdefgh');
    expect(hook.messages[0]!.fields.lines).toEqual(['the token vig_… was refused']);
  });

  it('reports a channel that fails without failing the others, and does nothing without channels', async () => {
    const hook = new RecordingChannel('webhook');
    const errors: unknown[] = [];
    const logger = { debug() {}, log() {}, warn() {}, error: (e: unknown) => errors.push(e) };
    const sut = new AlertService([new RecordingChannel('smtp', 'connection refused'), hook], { minSeverity: 'high', publicUrl: null }, logger, at);
    expect(await sut.securityEvent(lockout)).toEqual({ sent: ['webhook'], failed: [{ channel: 'smtp', reason: 'connection refused' }] });
    expect(errors).toEqual([{ msg: 'alert not delivered', channel: 'smtp', reason: 'connection refused', kind: 'sign-in.locked-out' }]);
    expect(await new AlertService([], { minSeverity: 'high', publicUrl: null }).securityEvent(lockout)).toEqual({ sent: [], failed: [] });
  });
});
