import { BambooHrDetailsSource } from '#vigie/hr';
import { configSchema } from '#vigie/config';
import { SILENT_LOGGER } from '#vigie/logging';
import { Dependencies } from './dependencies.js';

const depsWith = (hr: Record<string, unknown>) => new Dependencies(configSchema.parse({ hr }), () => SILENT_LOGGER);

describe('Dependencies.hrDetailsSource', () => {
  it("is BambooHR's API once hr.bamboohr is set with its key, and none otherwise", async () => {
    const bamboohr = { companyDomain: 'acme', apiKey: 'k', webhookKey: 'w' };
    expect(await depsWith({ bamboohr }).hrDetailsSource()).toBeInstanceOf(BambooHrDetailsSource);
    expect(await depsWith({}).hrDetailsSource()).toBeNull();
  });
});
