import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator.js';

/** Liveness (the process answers) and readiness (the database answers); the only routes without a token. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly ds: DataSource) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get(['ready', ''])
  async ready() {
    try {
      await this.ds.query('SELECT 1');
      return { status: 'ok', checks: { database: 'up' } };
    } catch {
      throw new ServiceUnavailableException({ status: 'error', checks: { database: 'down' } });
    }
  }
}
