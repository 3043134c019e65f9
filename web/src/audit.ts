// The audit trail made readable for an auditor (纪委, 审计): what changed in one entry, each
// value in words rather than codes, and the sum of a list of allocations by unit.
import type { components } from './api/openapi.gen'
import type { Allocation, Amounts } from './api/types'

type Translate = (key: string, values?: Record<string, unknown>) => string
type Exists = (key: string) => boolean

/** One row of the audit trail (the API's schema AuditEntry). */
export type AuditEntry = components['schemas']['AuditEntry']

export type AuditCheck = components['schemas']['AuditCheck']

/** The entities the trail records (the API's `entity` filter). */
export const AUDIT_ENTITIES = [
  'need',
  'pledge',
  'allocation',
  'household',
  'donor',
  'campaign',
  'match_round',
  'village_cap',
] as const

export interface Formatters {
  number: (n: number) => string
  amounts: (a: Amounts) => string
  /** A calendar day in the reader's words (2026年12月6日); the raw value when absent. */
  date?: (d: string) => string
  /** An instant in the reader's words (2026年12月6日 14:05); the raw value when absent. */
  dateTime?: (d: string) => string
}

/** An entity of the trail in words ("状态申请"), the API's own name when the catalogue lacks it. */
export function entityWords(entity: string, t: Translate, te: Exists): string {
  return te(`audit.entity.${entity}`) ? t(`audit.entity.${entity}`) : entity
}

/**
 * An action in words, in the words of its entity first ("回头看" is started, not "发起行动"), then
 * the general ones ("批准"), else the API's own name.
 */
export function actionWords(entity: string, action: string, t: Translate, te: Exists): string {
  const own = `audit.actionOf.${entity}.${action}`
  if (te(own)) return t(own)
  return te(`audit.action.${action}`) ? t(`audit.action.${action}`) : action
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/
const DAY = /^\d{4}-\d{2}-\d{2}$/

/** Fields whose numbers are names, not quantities: years and ids read without separators. */
function plainNumber(field: string): boolean {
  return /(^|[a-z])(year|Year)$/.test(field) || field === 'year' || /Id$/.test(field) || field === 'id'
}

export interface Change {
  field: string
  before: unknown
  after: unknown
  /** true when the field only appears after (a creation, or a field newly set). */
  added: boolean
}

function blank(v: unknown): boolean {
  return v === null || v === undefined || v === ''
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * The fields an entry changed, in the order they first appear (before's fields, then after's
 * new ones); fields equal on both sides, or empty on both, are left out, so an auditor sees
 * only what moved.
 */
export function changesOf(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Change[] {
  const b = before ?? {}
  const a = after ?? {}
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])]
  return fields
    .filter((k) => !(k in b && k in a && same(b[k], a[k])) && !(blank(b[k]) && blank(a[k])))
    .map((k) => ({ field: k, before: b[k], after: a[k], added: !(k in b) }))
}

/** Which status vocabulary an entity's `status` field uses. */
/** Codes that read through a family of their own entity's words (a case's state, a department). */
const FAMILY_OF_FIELD: Record<string, Record<string, string>> = {
  monitor_case: { state: 'monitorState', kind: 'monitorKind', visitReason: 'monitorVisit', reason: 'monitorDismiss' },
  monitor_warning_batch: { department: 'monitorDept' },
  deadline: { kind: 'inbox.kind' },
  notice: { kind: 'notices.kinds', status: 'notices.statuses' },
  notice_objection: { status: 'objections.statuses' },
  report: { status: 'reportStatus' },
  finding: { status: 'findingStatus', severity: 'severity' },
  fund_project: { status: 'funds.statuses' },
  alert: { status: 'alerts.statuses' },
  delivery_check: { status: 'ob.checks.statuses' },
  accountability_case: { status: 'caseStatus' },
  plan_measure: { kind: 'measureKind', status: 'measureStatus' },
  status_application: { state: 'applicationState', from: 'householdStatus', to: 'householdStatus' },
}

/** A deadline's subject ("monitor_case:12") as its record in words ("防返贫监测 #12"). */
const SUBJECT = /^([a-z_]+):(\d+)$/

function statusFamily(entity: string): string | null {
  if (entity === 'need') return 'needStatus'
  if (entity === 'allocation') return 'allocationStatus'
  if (entity === 'household') return 'householdStatus'
  if (entity === 'pledge') return 'pledgeStatus'
  return null
}

/** One value of a change, for reading: codes in words, lists joined, nothing as a dash. */
export function valueText(
  entity: string,
  field: string,
  value: unknown,
  t: Translate,
  te: Exists,
  fmt: Formatters,
): string {
  if (value === null || value === undefined || value === '') return '—'
  const word = (family: string | null, code: string) =>
    family && te(`${family}.${code}`) ? t(`${family}.${code}`) : code
  if (Array.isArray(value)) {
    return value.map((v) => valueText(entity, field, v, t, te, fmt)).join('、') || '—'
  }
  if (typeof value === 'object') {
    const entries = Object.values(value as object)
    // amounts by unit ({"CNY": 5000, "job": 2}) read as "¥5,000 · 2 个岗位"
    if (entries.length && entries.every((v) => typeof v === 'number')) return fmt.amounts(value as Amounts)
    return JSON.stringify(value)
  }
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no')
  const own = FAMILY_OF_FIELD[entity]?.[field]
  if (own) return word(own, String(value))
  if (field === 'status') return word(statusFamily(entity), String(value))
  if (field === 'category' || field === 'categories') return word('category', String(value))
  if (field === 'role' || field === 'toRole') return word('roles', String(value))
  const subject = field === 'subject' && typeof value === 'string' ? SUBJECT.exec(value) : null
  if (subject) return `${entityWords(subject[1], t, te)} #${subject[2]}`
  if (field === 'reasons') return word('reason', String(value))
  if (field === 'unit') return word('unit', String(value))
  if (typeof value === 'number') return plainNumber(field) ? String(value) : fmt.number(value)
  if (typeof value === 'string' && INSTANT.test(value) && fmt.dateTime) return fmt.dateTime(value)
  if (typeof value === 'string' && DAY.test(value) && fmt.date) return fmt.date(value)
  return String(value)
}

/** A field's label when the catalogue knows it, else the API's own name. */
export function fieldLabel(field: string, t: Translate, te: Exists): string {
  const key = `audit.field.${field}`
  return te(key) ? t(key) : field
}

/** The total of a list of allocations, by unit (what one page of fund flows adds up to). */
export function sumByUnit(allocations: Pick<Allocation, 'unit' | 'quantity'>[]): Amounts {
  const out: Amounts = {}
  for (const a of allocations) out[a.unit] = (out[a.unit] ?? 0) + a.quantity
  return out
}
