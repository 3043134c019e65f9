// The household-risk monitor (防返贫动态监测, docs/monitor.md): the household's own report and its
// tracking, the village's QR poster, the officials' cases and steps, departments' warning files,
// the income lines, the figures and the donor's help proposals. Paths are written out in full.
import { http, withQuery, type Query } from './client'
import type { components } from './openapi.gen'
import type { Page } from './types'

type Schemas = components['schemas']

export type MonitorCase = Schemas['MonitorCase']
export type MonitorCaseDetail = Schemas['MonitorCase'] & {
  leadList: Schemas['MonitorLead'][]
  events: Schemas['MonitorEvent'][]
  proposals: Schemas['MonitorCaseProposal'][]
}
export type CaseState = MonitorCase['state']
export type MonitorKind = Schemas['MonitorKind']
export type MonitorRisk = Schemas['MonitorRisk']
export type MonitorDepartment = Schemas['MonitorDepartment']
export type MonitorHelp = Schemas['MonitorHelp']
export type MonitorThreshold = Schemas['MonitorThreshold']
export type MonitorFigures = Schemas['MonitorFigures']
export type MonitorProposal = Schemas['MonitorProposal']
export type WarningBatch = Schemas['WarningBatch']
export type WarningReceipt = Schemas['WarningBatch'] & {
  errors: { row: number; field: string; code: string }[]
  errorsShown: number
}
export type SelfReportTracked = Schemas['SelfReportTracked']

export const CASE_STATES = [
  'triage',
  'checking',
  'checked',
  'notice',
  'township',
  'county',
  'confirmed',
  'closing',
  'closed',
  'dismissed',
  'not_at_risk',
  'rejected',
] as const satisfies readonly CaseState[]
export const KINDS = ['unstable', 'marginal', 'sudden'] as const satisfies readonly MonitorKind[]
export const RISKS = [
  'illness',
  'disability',
  'education',
  'disaster',
  'accident',
  'unemployment',
  'income_drop',
  'spending_jump',
  'housing',
  'water',
  'other',
] as const satisfies readonly MonitorRisk[]
export const DEPARTMENTS = [
  'medical',
  'education',
  'emergency',
  'civil_affairs',
  'human_resources',
  'housing',
  'disability',
  'other',
] as const satisfies readonly MonitorDepartment[]
export const VISIT_REASONS = [
  'low_income',
  'illness',
  'tekun_alone',
  'new_dibao',
  'disability',
  'schooling',
  'unstable_work',
  'disaster',
] as const
export const DISMISS_REASONS = ['not_at_risk', 'duplicate', 'moved', 'data_error', 'other'] as const

export interface SelfReportInput {
  name: string
  phone: string
  idNumber: string
  hardship: string
  villageId: string
  risk?: MonitorRisk
}

export interface SelfReportFiled {
  trackingNumber: string
  secret: string
  checkDue: string
}

export interface VillagePoster {
  villageId: string
  villageName: string
  townshipName: string | null
  countyName: string | null
  reportPath: string
}

export interface LeadInput {
  householdId?: number
  name?: string
  idNumber?: string
  villageId?: string
  visitReason: (typeof VISIT_REASONS)[number]
  risk?: MonitorRisk
  amount?: number
  detail?: string
}

export interface TriageInput {
  decision: 'accept' | 'dismiss'
  villageId?: string
  kind?: MonitorKind
  reason?: (typeof DISMISS_REASONS)[number]
  note?: string
}

export interface CheckInput {
  atRisk: boolean
  visitedOn: string
  incomePerHead: number
  finding: string
  kind?: MonitorKind
  risks?: MonitorRisk[]
  photos?: Schemas['Attachment'][]
}

export interface CaseFilters extends Query {
  state?: string
  green?: boolean
  late?: boolean
  villageId?: string
  regionId?: string
}

export const monitor = {
  // the household's own report, no account
  fileReport: (body: SelfReportInput) => http.post<SelfReportFiled>('/public/monitor/reports', body),
  track: (trackingNumber: string, secret: string) =>
    http.post<SelfReportTracked>('/public/monitor/reports/track', { trackingNumber, secret }),
  village: (id: string) => http.get<VillagePoster>(`/public/monitor/villages/${encodeURIComponent(id)}`),

  // the officials' desk
  cases: (q: CaseFilters & { page?: number; size?: number }) => http.get<Page<MonitorCase>>('/monitor/cases', q),
  case: (id: number) => http.get<MonitorCaseDetail>(`/monitor/cases/${id}`),
  lead: (body: LeadInput) => http.post<MonitorCaseDetail>('/monitor/leads', body),
  triage: (id: number, body: TriageInput) => http.post<MonitorCaseDetail>(`/monitor/cases/${id}/triage`, body),
  check: (id: number, body: CheckInput) => http.post<MonitorCaseDetail>(`/monitor/cases/${id}/check`, body),
  notice: (id: number) => http.post<MonitorCaseDetail>(`/monitor/cases/${id}/notice`),
  township: (id: number, body: { decision: 'pass' | 'reject'; reason?: string }) =>
    http.post<MonitorCaseDetail>(`/monitor/cases/${id}/township`, body),
  decide: (
    id: number,
    body: { decision: 'confirm' | 'reject'; kind?: MonitorKind; note?: string; help?: MonitorHelp },
  ) => http.post<MonitorCaseDetail>(`/monitor/cases/${id}/decide`, body),
  reject: (id: number, reason: string) => http.post<MonitorCaseDetail>(`/monitor/cases/${id}/reject`, { reason }),
  green: (id: number, body: { reason: string; help?: MonitorHelp }) =>
    http.post<MonitorCaseDetail>(`/monitor/cases/${id}/green`, body),
  help: (id: number) => http.post<MonitorCaseDetail>(`/monitor/cases/${id}/help`),
  closure: (id: number, body: { incomePerHead: number; note: string }) =>
    http.post<MonitorCaseDetail>(`/monitor/cases/${id}/closure`, body),

  // departments' warnings
  warningFile: (file: Blob, q: { department: MonitorDepartment; fileName?: string; countyId?: string }) =>
    http.post<WarningReceipt>(withQuery('/monitor/warning-files', q), file),
  warnings: (body: { department: MonitorDepartment; countyId?: string; rows: Record<string, unknown>[] }) =>
    http.post<WarningReceipt>('/monitor/warnings', body),
  batches: (page: number, size: number) => http.get<Page<WarningBatch>>('/monitor/warning-batches', { page, size }),
  batch: (id: number) => http.get<WarningReceipt>(`/monitor/warning-batches/${id}`),

  // lines, figures, proposals
  thresholds: () => http.get<{ items: MonitorThreshold[] }>('/monitor/thresholds'),
  setThreshold: (region: string, year: number, body: { incomeLine: number; effectiveFrom: string; source: string }) =>
    http.put<{ items: MonitorThreshold[] }>(`/monitor/thresholds/${encodeURIComponent(region)}/${year}`, body),
  figures: (q: { regionId?: string; days?: number }) => http.get<MonitorFigures>('/monitor/figures', q),
  proposals: (page: number, size: number) => http.get<Page<MonitorProposal>>('/monitor/proposals', { page, size }),
}
