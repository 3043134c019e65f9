// A campaign's figures against what it set out to reach: "46 / 100 个村", yuan confirmed against
// the yuan target, donors enrolled against the donor target. Only targets the campaign set.
import type { Campaign, ProgressFigures } from './api/types'

export interface TargetBar {
  key: 'villages' | 'yuan' | 'donors'
  done: number
  target: number
  /** 0–100 for the bar; a target passed is a full bar. */
  percent: number
  reached: boolean
}

function bar(key: TargetBar['key'], done: number, target: number | null | undefined): TargetBar | null {
  if (!target || target <= 0) return null
  const percent = Math.min(100, Math.floor((done / target) * 100))
  return { key, done, target, percent, reached: done >= target }
}

/** The bars of a campaign's set targets, from its progress figures (villages, confirmed yuan, donors). */
export function targetBars(campaign: Pick<Campaign, 'targets'>, totals: ProgressFigures): TargetBar[] {
  const t = campaign.targets
  return [
    bar('villages', totals.villagesPaired ?? 0, t?.villages),
    bar('yuan', totals.confirmed?.CNY ?? 0, t?.yuan),
    bar('donors', totals.donorsEnrolled ?? 0, t?.donors),
  ].filter((b): b is TargetBar => b !== null)
}
