// What an alert of fund supervision saw, in words: the rule's own figures (spent 18 % against 93 %
// expected, days late, how much from how many sources) and where the record is, so an auditor reads
// the case without opening the database.
import type { Alert } from './funds'

type Translate = (key: string, values?: Record<string, unknown>) => string

export interface Formatters {
  money: (n: number) => string
  date: (d: string | null | undefined) => string
  quantity: (q: number, unit: string) => string
}

const DAY = 86_400_000

/** Whole days from `since` to `until` (ISO instants or dates); null when either is missing. */
export function daysBetween(since: unknown, until: string | number | Date): number | null {
  if (typeof since !== 'string' || !since) return null
  const from = new Date(/^\d{4}-\d{2}-\d{2}$/.test(since) ? `${since}T00:00:00+08:00` : since).getTime()
  const to = new Date(until).getTime()
  if (Number.isNaN(from) || Number.isNaN(to)) return null
  return Math.floor((to - from) / DAY)
}

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0))

/**
 * The figures of one alert as a sentence. `now` is when an open alert is read; a handled alert is
 * read as it stood when it was handled, so "days late" does not keep growing after.
 */
export function alertFigures(a: Alert, t: Translate, fmt: Formatters, now: Date = new Date()): string {
  const d = (a.details ?? {}) as Record<string, unknown>
  const at = a.status === 'open' || !a.handledAt ? now : a.handledAt
  switch (a.rule) {
    case 'allocation_not_delivered':
    case 'allocation_not_received':
    case 'allocation_not_verified': {
      const elapsed = daysBetween(d.since, at) ?? 0
      return t(`alertFigures.${a.rule}`, {
        since: fmt.date(d.since as string),
        elapsed,
        days: num(d.days),
        late: Math.max(0, elapsed - num(d.days)),
        amount: fmt.quantity(num(d.quantity), String(d.unit ?? 'CNY')),
      })
    }
    case 'receipt_without_evidence':
      return t('alertFigures.receipt_without_evidence', {
        since: fmt.date(d.since as string),
        amount: fmt.quantity(num(d.quantity), String(d.unit ?? 'CNY')),
      })
    case 'project_without_progress':
      return t('alertFigures.project_without_progress', {
        progress: num(d.progress),
        disbursed: fmt.money(num(d.disbursed)),
        budget: fmt.money(num(d.budget)),
        last: d.lastReportAt ? fmt.date(d.lastReportAt as string) : t('alertFigures.never'),
        days: num(d.days),
      })
    case 'project_overdue':
      return t('alertFigures.project_overdue', {
        end: fmt.date(d.plannedEnd as string),
        late: Math.max(0, daysBetween(d.plannedEnd, at) ?? 0),
        progress: num(d.progress),
      })
    case 'household_many_sources':
      return t('alertFigures.household_many_sources', {
        year: String(d.year ?? ''),
        sources: num(d.sources),
        amount: fmt.money(num(d.amount)),
        threshold: fmt.money(num(d.threshold)),
      })
    case 'programme_behind':
    case 'programme_ahead':
      return t(`alertFigures.${a.rule}`, {
        actual: num(d.actualPct),
        expected: num(d.expectedPct),
        gap: Math.abs(num(d.expectedPct) - num(d.actualPct)),
        disbursed: fmt.money(num(d.disbursed)),
        budget: fmt.money(num(d.budget)),
        from: fmt.date(d.startsOn as string),
        to: fmt.date(d.endsOn as string),
      })
    case 'pledge_expiring':
      return t('alertFigures.pledge_expiring', {
        expires: fmt.date(d.expires as string),
        left: fmt.quantity(Math.max(0, num(d.quantity) - num(d.allocated)), String(d.unit ?? 'CNY')),
        total: fmt.quantity(num(d.quantity), String(d.unit ?? 'CNY')),
      })
    default:
      return ''
  }
}

/** Where the record behind an alert is shown: the page of its allocation, project, programme or household. */
export function alertLink(a: Alert): { path: string; query?: Record<string, string> } | null {
  switch (a.subjectType) {
    case 'allocation':
      return { path: '/audit', query: { allocation: a.subjectId } }
    case 'project':
      return { path: '/funds', query: { project: a.subjectId } }
    case 'programme':
      return { path: '/funds', query: { programme: a.subjectId } }
    case 'household':
      // the subject is "household:year"
      return { path: `/registry/households/${a.subjectId.split(':')[0]}` }
    case 'pledge':
      return { path: '/audit', query: { entity: 'pledge', id: a.subjectId } }
    default:
      return null
  }
}
