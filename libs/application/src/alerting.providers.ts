import type { Provider } from '@nestjs/common';
import { AlertChannel, AlertService, AlertSettings, SmtpAlertChannel, WebhookAlertChannel } from '#vigie/alerts';
import { AppConfig } from '#vigie/config';

/** The alert channels the configuration declares; none is an empty list, and alerting is then a no-op. */
export const alertingProviders: Provider[] = [
  {
    provide: AlertService,
    inject: [AppConfig],
    useFactory: (cfg: AppConfig) => {
      const { alerts, http } = cfg.value;
      const channels: AlertChannel[] = [];
      if (alerts.smtp) channels.push(new SmtpAlertChannel(alerts.smtp));
      if (alerts.webhook) channels.push(new WebhookAlertChannel(alerts.webhook));
      const settings: AlertSettings = { minSeverity: alerts.minSeverity, publicUrl: http.publicUrl ?? null };
      return new AlertService(channels, settings);
    },
  },
];
