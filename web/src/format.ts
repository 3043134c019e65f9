// Money, quantities, numbers and dates for the current locale. Money is whole yuan and is
// always shown with the ¥ sign and the locale's thousands separators (¥1,000,000), in both
// languages: "CN¥" (what Intl gives in English) would puzzle the people who use this.
import type { Amounts } from './api/types'

type Translate = (key: string, values?: Record<string, unknown>) => string
type Exists = (key: string) => boolean

/** Goods named by a code (the demo's `item:school-uniform`) in words when the catalogue knows it. */
export function itemName(what: string, t: Translate, te?: Exists): string {
  const key = `itemName.${what}`
  return te && /^[\w-]+$/.test(what) && te(key) ? t(key) : what
}

export function formatNumber(n: number | null | undefined, locale: string): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—'
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n)
}

export function formatMoney(yuan: number | null | undefined, locale: string): string {
  if (yuan === null || yuan === undefined || Number.isNaN(yuan)) return '—'
  const sign = yuan < 0 ? '-' : ''
  return `${sign}¥${formatNumber(Math.abs(yuan), locale)}`
}

/** What the goods are, for a unit such as `item:rice` (`null` for other units). */
export function itemWhat(unit: string): string | null {
  return unit.startsWith('item:') ? unit.slice('item:'.length) : null
}

/** A quantity in its unit: ¥ for money, "3 个岗位" for jobs, "20 件大米" for goods. */
export function formatQuantity(quantity: number, unit: string, locale: string, t: Translate, te?: Exists): string {
  if (unit === 'CNY') return formatMoney(quantity, locale)
  const n = formatNumber(quantity, locale)
  if (unit === 'job' || unit === 'training-place') return t(`qty.${unit}`, { n })
  const what = itemWhat(unit)
  if (what !== null) return t('qty.item', { n, what: itemName(what, t, te) })
  return `${n} ${unit}`
}

/** Amounts by unit, money first: "¥50,000 · 3 个岗位". Empty → "¥0". */
export function formatAmounts(amounts: Amounts | null | undefined, locale: string, t: Translate, te?: Exists): string {
  const entries = Object.entries(amounts ?? {}).filter(([, v]) => typeof v === 'number')
  if (entries.length === 0) return formatMoney(0, locale)
  entries.sort(([a], [b]) => (a === 'CNY' ? -1 : b === 'CNY' ? 1 : a.localeCompare(b)))
  return entries.map(([unit, q]) => formatQuantity(q, unit, locale, t, te)).join(' · ')
}

/** The yuan in an amounts map (0 when none). */
export function yuanOf(amounts: Amounts | null | undefined): number {
  return amounts?.CNY ?? 0
}

function parseDate(value: string): Date | null {
  // a plain date (yyyy-mm-dd) is a calendar day, not an instant: keep it from shifting by zone
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`) : new Date(value)
  return Number.isNaN(d.getTime()) ? null : d
}

export function formatDate(value: string | null | undefined, locale: string): string {
  if (!value) return '—'
  const d = parseDate(value)
  if (!d) return value
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric' }).format(d)
}

export function formatDateTime(value: string | null | undefined, locale: string): string {
  if (!value) return '—'
  const d = parseDate(value)
  if (!d) return value
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d)
}
