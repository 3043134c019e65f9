// 问责: what a decision must hold before it is sent, and how a lead or a case names its source.
import type { AccountabilityCase, CaseGround, CasePerson } from './api/desks'

/** At most this many people in one decision (the API's limit). */
export const MAX_PEOPLE = 20

/** Eleven digits in a row: a phone or ID number, never written into a case (the API's own rule). */
const PERSONAL_NUMBER = /[0-9]{11}/

/** Whether the text holds an ID or phone number (the API refuses it: personal_number). */
export function hasPersonalNumber(text: string): boolean {
  return PERSONAL_NUMBER.test(text)
}

/** A fresh row of the decision form. */
export function blankPerson(): CasePerson {
  return { unit: '', role: '', measure: '' }
}

/**
 * What is wrong with a decision before it is sent, as a message key (null when it may be sent):
 * the basis written, at least one person, each with unit, post and measure, no personal numbers.
 */
export function decisionProblem(basis: string, people: CasePerson[]): string | null {
  if (!basis.trim()) return 'accountability.needBasis'
  if (people.length === 0) return 'accountability.needPerson'
  if (people.length > MAX_PEOPLE) return 'accountability.tooManyPeople'
  if (people.some((p) => !p.unit.trim() || !p.role.trim() || !p.measure)) return 'accountability.personIncomplete'
  if ([basis, ...people.flatMap((p) => [p.unit, p.role])].some(hasPersonalNumber)) return 'fieldErrors.personal_number'
  return null
}

/** The people as the API takes them: trimmed, each with its measure. */
export function decisionPeople(people: CasePerson[]): CasePerson[] {
  return people.map((p) => ({ unit: p.unit.trim(), role: p.role.trim(), measure: p.measure }))
}

type T = (key: string, values?: Record<string, unknown>) => string

/** Where a case comes from: the report's tracking number, or the finding's number and problem. */
export function caseSource(t: T, c: AccountabilityCase): string {
  if (c.reportId !== null) return t('accountability.fromReport', { n: c.reportTrackingNumber ?? c.reportId })
  const finding = t('accountability.fromFinding', { n: c.findingId ?? '' })
  return c.findingProblem ? `${finding} ${c.findingProblem}` : finding
}

/** A lead: the report's tracking number, or the finding's number with its problem. */
export function groundSource(t: T, g: CaseGround): string {
  return g.source === 'report'
    ? t('accountability.fromReport', { n: g.title })
    : `${t('accountability.fromFinding', { n: g.id })} ${g.title}`
}

/** The answers of a report, as far as 问责 reads them: their versions and findings. */
interface Answered {
  id: number
  trackingNumber: string
  countyId: string | null
  countyName: string | null
  answeredAt: string | null
  answers: { version: number; finding: string }[]
}

/**
 * A report as a lead when its latest answer found it founded or partly founded (the API's one
 * definition); null otherwise. The report desk opens a case on it without going to the leads.
 */
export function reportGround(r: Answered): CaseGround | null {
  const latest = [...r.answers].sort((a, b) => b.version - a.version)[0]
  if (!latest || (latest.finding !== 'founded' && latest.finding !== 'partly_founded')) return null
  return {
    source: 'report',
    id: r.id,
    ground: 'founded_report',
    countyId: r.countyId,
    countyName: r.countyName,
    title: r.trackingNumber,
    earlierFindingId: null,
    at: r.answeredAt ?? '',
  }
}
