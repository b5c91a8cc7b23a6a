import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AuditLogController } from './audit-log/audit-log.controller.js';
import { AuthTrail } from './auth/auth-trail.js';
import { AuditsController } from './audits/audits.controller.js';
import { BearerStrategy } from './auth/bearer.strategy.js';
import { TokenAuthGuard } from './auth/token-auth.guard.js';
import { FindingsController } from './findings/findings.controller.js';
import { HealthController } from './health/health.controller.js';
import { AllExceptionsFilter } from './http/all-exceptions.filter.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { MetricsRegistry } from './metrics/metrics.registry.js';

/** The HTTP surface: thin controllers over the shared use cases, behind a deny-by-default guard. */
@Module({
  imports: [PassportModule],
  controllers: [HealthController, MetricsController, FindingsController, AuditsController, AuditLogController],
  providers: [
    MetricsRegistry,
    BearerStrategy,
    AuthTrail,
    { provide: APP_GUARD, useClass: TokenAuthGuard },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
  ],
  exports: [MetricsRegistry, AuthTrail],
})
export class ApiModule {}
