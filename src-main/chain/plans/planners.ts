// The dispatch table: one planner per action kind, gathered from the four families. The type
// `Planners` makes a kind without a planner (or a planner for an unknown kind) a compile error.
import { governancePlans } from '../../governance/governance-plans.ts';
import type { ChainAction } from '../types.ts';
import { fundPlans } from './funds.ts';
import type { Plan, PlanContext, Planners } from './plan.ts';
import { stakingPlans } from './staking.ts';
import { ticketPlans } from './tickets.ts';

const PLANNERS: Planners = { ...stakingPlans, ...fundPlans, ...ticketPlans, ...governancePlans };

export function plan(ctx: PlanContext, from: string, action: ChainAction): Promise<Plan> {
  const planner = PLANNERS[action.kind] as (ctx: PlanContext, from: string, action: ChainAction) => Promise<Plan>;
  return planner(ctx, from, action);
}
