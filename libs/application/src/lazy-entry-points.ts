import type { Vigie } from './composition/create-vigie.js';
import type { Scheduler } from './scheduling/scheduler.js';
import type { PolicySimulation } from './use-cases/simulate-policy/policy-simulation.js';

// Entry points whose modules load what most commands never use (the policy library, node-cron): loaded when called.

/** A policy simulation as the tables a person reads. */
export async function formatPolicySimulation(simulation: PolicySimulation): Promise<string> {
  return (await import('./use-cases/simulate-policy/policy-simulation.formatter.js')).formatPolicySimulation(simulation);
}

/** The worker's clock over a composed Vigie: started now, stopped with the returned scheduler. */
export async function startScheduler(vigie: Vigie): Promise<Scheduler> {
  return (await import('./scheduling/start-scheduler.js')).startScheduler(vigie);
}
