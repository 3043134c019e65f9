// What a match round's page says about how the round was solved: whether villages not yet helped
// came first and what that cost in the round's score, the floors it kept, and why needs were left
// short (the engine's reason codes, each translated).
import type { RoundFairness, UnmatchedReason } from './api/types'

/** Every reason the engine gives, in the order it checks them (the first that holds is given). */
export const UNMATCHED_REASONS = [
  'past-deadline',
  'no-pledge-of-unit',
  'no-pledge-for-category',
  'no-pledge-in-scope',
  'village-cap-reached',
  'below-floor',
  'max-per-need-reached',
  'pledges-used-elsewhere',
  'no-gain',
] as const satisfies readonly UnmatchedReason[]

/** The catalogue key of a reason; a code this page does not know yet reads as "other reason". */
export function unmatchedReasonKey(code: string): string {
  return (UNMATCHED_REASONS as readonly string[]).includes(code)
    ? `roundResult.reason.${code}`
    : 'roundResult.reason.other'
}

export type FairnessState =
  | { state: 'off' }
  | { state: 'noChange' }
  | {
      state: 'applied'
      /** the round's score, the best without fairness, and the difference */
      objective: number
      without: number
      cost: number
      /** the cost as a share of the best score without fairness, in percent, one decimal */
      percent: number
      villagesChanged: number
      /** the villages that got more than they would have without fairness */
      helped: NonNullable<RoundFairness['villages']>
    }

/**
 * What the page says about fairness: off; on but nothing changed (no cost); or applied, with the
 * cost in the round's score and the villages it helped first.
 */
export function fairnessState(f: RoundFairness | null | undefined): FairnessState {
  if (!f?.applied) return { state: 'off' }
  const changed = f.villagesChanged ?? 0
  if (changed === 0) return { state: 'noChange' }
  const without = f.objectiveWithoutFairness ?? 0
  const cost = f.cost ?? 0
  return {
    state: 'applied',
    objective: f.objective ?? 0,
    without,
    cost,
    percent: without > 0 ? Math.round((cost / without) * 1000) / 10 : 0,
    villagesChanged: changed,
    helped: (f.villages ?? []).filter((v) => v.allocated > v.allocatedWithoutFairness),
  }
}

/** The floors a round kept, by unit in a stable order. */
export function floorList(floors: Record<string, number> | null | undefined): { unit: string; amount: number }[] {
  return Object.entries(floors ?? {})
    .map(([unit, amount]) => ({ unit, amount }))
    .sort((a, b) => a.unit.localeCompare(b.unit))
}
