// Village caps (村级上限): the units a cap may be set in, and how a unit reads.
import { itemWhat } from './format'

type Translate = (key: string, values?: Record<string, unknown>) => string

/** The kinds a cap is set in; `item` asks what goods (item:rice). */
export const UNITS = ['CNY', 'job', 'training-place', 'item'] as const

/** A unit the API takes: money, jobs, training places, or goods named in lower-case letters. */
export function validUnit(unit: string): boolean {
  return /^(CNY|job|training-place|item:[a-z0-9][a-z0-9-]{0,39})$/.test(unit)
}

/** A unit in words: 资金（元）, 就业岗位, or the goods' name. */
export function unitLabel(unit: string, t: Translate): string {
  const what = itemWhat(unit)
  return what ? `${t('unit.item')} · ${what}` : t(`unit.${unit}`)
}
