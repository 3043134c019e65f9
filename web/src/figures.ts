// The dashboard's figures, each saying what it counts: proposed (awaiting the donor), confirmed
// (confirmed or later), delivered (delivered or later), verified. "Matched" never includes a
// proposal nobody has confirmed.
import type { Amounts, ProgressFigures } from './api/types'

export const MONEY_FIGURES = ['pledged', 'proposed', 'confirmed', 'delivered', 'verified'] as const
export const COUNT_FIGURES = [
  'donorsEnrolled',
  'villagesPaired',
  'needsOpen',
  'needsPartlyCovered',
  'needsFullyCovered',
] as const
export type MoneyFigure = (typeof MONEY_FIGURES)[number]

export interface FigureCard {
  key: MoneyFigure
  /** catalogue key of the label, and of the line that says what it counts */
  label: string
  hint: string
  amounts: Amounts
}

/** One card per money figure, in the order of the journey. */
export function figureCards(totals: ProgressFigures & { proposed?: Amounts }): FigureCard[] {
  return MONEY_FIGURES.map((key) => ({
    key,
    label: `figures.${key}`,
    hint: `figures.${key}Hint`,
    amounts: ((totals as Record<string, unknown>)[key] as Amounts) ?? {},
  }))
}

/** Jobs, training places and goods of a figure, told under its yuan (null when none). */
export function nonMoney(a: Amounts | undefined): Amounts | null {
  const rest = Object.fromEntries(Object.entries(a ?? {}).filter(([unit, q]) => unit !== 'CNY' && q > 0))
  return Object.keys(rest).length ? rest : null
}
