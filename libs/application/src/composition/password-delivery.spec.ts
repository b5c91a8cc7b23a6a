import { MailPasswordDelivery } from './password-delivery.js';

const JOINER = { login: 'elodie.delafontaine', displayName: 'Élodie de La Fontaine', managerMail: 'boss@acme.test' };

function mailer(fail = false) {
  const sent: Array<{ to: readonly string[]; subject: string; text: string }> = [];
  return {
    sent,
    send: async (to: readonly string[], subject: string, text: string) => {
      if (fail) throw new Error(`SMTP refused a message holding ${text}`);
      sent.push({ to, subject, text });
    },
  };
}

describe(MailPasswordDelivery.name, () => {
  it('mails the manager, else the desk addresses', async () => {
    const m = mailer();
    const sut = new MailPasswordDelivery('manager-mail', ['it@acme.test'], m);
    await expect(sut.deliver(JOINER, 'Pw-1')).resolves.toBe('manager-mail');
    await expect(sut.deliver({ ...JOINER, managerMail: null }, 'Pw-2')).resolves.toBe('mail');
    expect(m.sent.map((s) => s.to)).toEqual([['boss@acme.test'], ['it@acme.test']]);
    expect(m.sent[0]!.text).toContain('Pw-1');
    expect(m.sent[0]!.subject).not.toContain('Pw-1');
  });

  it('delivers nothing on the none channel', async () => {
    const m = mailer();
    await expect(new MailPasswordDelivery('none', ['it@acme.test'], m).deliver(JOINER, 'Pw')).resolves.toBe('none');
    expect(m.sent).toEqual([]);
  });

  it('answers unavailable without the password when the mail cannot be sent', async () => {
    const sut = new MailPasswordDelivery('mail', ['it@acme.test'], mailer(true));
    const error = await sut.deliver(JOINER, 'Secret-Pw-42').catch((e: Error & { kind: string }) => e);
    expect(error).toMatchObject({ kind: 'unavailable' });
    expect((error as Error).message).not.toContain('Secret-Pw-42');
  });
});
