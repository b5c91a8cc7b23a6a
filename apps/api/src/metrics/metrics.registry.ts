import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { UseCaseOutput } from '#vigie/application';
import { FINDING_STATUSES, SEVERITIES } from '#vigie/audit';

type OperationalGauges = UseCaseOutput<'read-operational-gauges'>;

/** One registry per application instance, so tests can create several apps in a process. */
export class MetricsRegistry {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'vigie_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  // What the data says, read from the database at scrape time (every replica reports the same figures): docs/metrics.md.
  private readonly findings = this.gauge('vigie_findings', 'Findings not resolved, by severity and status', ['severity', 'status']);
  private readonly syncSuccessAge = this.gauge(
    'vigie_directory_last_sync_success_age_seconds',
    'Seconds since the last successful sync of each directory finished',
    ['directory'],
  );
  private readonly syncDuration = this.gauge('vigie_sync_duration_seconds', 'Duration of the last successful sync of each directory', ['directory']);
  private readonly auditDuration = this.gauge('vigie_audit_duration_seconds', 'Duration of the last successful audit run');
  private readonly checkpointAge = this.gauge('vigie_trail_checkpoint_age_seconds', 'Seconds since the newest trail checkpoint was made');
  private readonly hrEvents = this.gauge('vigie_hr_events', 'HR events by status', ['status']);
  private readonly accessRequests = this.gauge('vigie_access_requests', 'Access requests by status', ['status']);
  private readonly dataUp = this.gauge('vigie_data_metrics_up', '1 when the figures of the database could be read for this scrape, else 0');

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'vigie_' });
  }

  /** Sets the data gauges from one reading; series of directories or statuses gone since the last scrape disappear. */
  observe(gauges: OperationalGauges, now: Date = new Date()): void {
    this.clearData();
    for (const severity of SEVERITIES) for (const status of FINDING_STATUSES.filter((s) => s !== 'resolved')) this.findings.set({ severity, status }, 0);
    for (const f of gauges.findings) this.findings.set({ severity: f.severity, status: f.status }, f.count);
    const age = (d: Date) => Math.max(0, (now.getTime() - new Date(d).getTime()) / 1000);
    for (const s of gauges.lastSyncSuccess) this.syncSuccessAge.set({ directory: s.directory }, age(s.finishedAt));
    for (const s of gauges.lastSyncDuration) this.syncDuration.set({ directory: s.directory }, s.seconds);
    if (gauges.lastAuditDurationSeconds !== null) this.auditDuration.set(gauges.lastAuditDurationSeconds);
    if (gauges.lastCheckpointAt) this.checkpointAge.set(age(gauges.lastCheckpointAt));
    for (const e of gauges.hrEvents) this.hrEvents.set({ status: e.status }, e.count);
    for (const r of gauges.accessRequests) this.accessRequests.set({ status: r.status }, r.count);
    this.dataUp.set(1);
  }

  /** The database could not be read: no stale figure is reported as current. */
  unobserved(): void {
    this.clearData();
    this.dataUp.set(0);
  }

  private clearData(): void {
    for (const g of [this.findings, this.syncSuccessAge, this.syncDuration, this.auditDuration, this.checkpointAge, this.hrEvents, this.accessRequests])
      g.reset();
  }

  private gauge<L extends string>(name: string, help: string, labelNames: L[] = []): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }
}
