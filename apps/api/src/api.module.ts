import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import type { Vigie } from '#vigie/application';
import { AccessController } from './access/access.controller.js';
import { AccessExportController } from './access/access-export.controller.js';
import { AccessRequestsController } from './access-requests/access-requests.controller.js';
import { AuditLogController } from './audit-log/audit-log.controller.js';
import { AuditsController } from './audits/audits.controller.js';
import { AuthController } from './auth/auth.controller.js';
import { BearerStrategy } from './auth/bearer.strategy.js';
import { SignInStrategy } from './auth/sign-in.strategy.js';
import { TokenAuthGuard } from './auth/token-auth.guard.js';
import { DashboardController } from './dashboard/dashboard.controller.js';
import { FindingsController } from './findings/findings.controller.js';
import { FindingsExportController } from './findings/findings-export.controller.js';
import { HealthController } from './health/health.controller.js';
import { HrEventsController } from './hr-events/hr-events.controller.js';
import { BambooHrController } from './hr-vendors/bamboohr.controller.js';
import { DirectoryChangesController } from './directory-changes/directory-changes.controller.js';
import { PolicyController } from './policy/policy.controller.js';
import { AllExceptionsFilter } from './http/all-exceptions.filter.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { MetricsRegistry } from './metrics/metrics.registry.js';
import { ScimController } from './scim/scim.controller.js';
import { StatisticsController } from './statistics/statistics.controller.js';
import { VIGIE } from './vigie.provider.js';
import { VigieShutdown } from './vigie-shutdown.js';
import { ReportsController } from './reports/reports.controller.js';

/**
 * The HTTP surface: thin controllers that run the use cases of one composed Vigie, behind a deny-by-default guard.
 * Nest is this adapter's framework only: nothing below the API knows it.
 */
@Module({})
export class ApiModule {
  static over(vigie: Vigie): DynamicModule {
    return {
      module: ApiModule,
      imports: [PassportModule],
      controllers: [
        HealthController,
        AuthController,
        MetricsController,
        FindingsExportController,
        DashboardController,
        FindingsController,
        StatisticsController,
        ReportsController,
        AuditsController,
        AuditLogController,
        AccessExportController,
        AccessController,
        AccessRequestsController,
        ScimController,
        HrEventsController,
        BambooHrController,
        DirectoryChangesController,
        PolicyController,
      ],
      providers: [
        { provide: VIGIE, useValue: vigie },
        VigieShutdown,
        MetricsRegistry,
        BearerStrategy,
        SignInStrategy,
        { provide: APP_GUARD, useClass: TokenAuthGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
      exports: [MetricsRegistry],
    };
  }
}
