// The API of 12317 reports, inspections and reliability (docs/oversight.md).
import { http, type Query } from './client'
import type { Attachment, Page } from './types'

export const REPORT_CATEGORIES = ['embezzlement', 'misuse', 'false_data', 'work_style', 'unfair', 'other'] as const
export const REPORT_SUBJECTS = ['need', 'allocation', 'village', 'donor'] as const
export const REPORT_STATUSES = [
  'received',
  'accepted',
  'not_accepted',
  'investigating',
  'answered',
  'review_requested',
  'closed',
] as const
export const FINDINGS = ['founded', 'partly_founded', 'unfounded'] as const
export const FINDING_SUBJECTS = ['county', 'village', 'donor', 'report'] as const
export const SEVERITIES = ['minor', 'serious', 'grave'] as const

export interface ReportAnswer {
  version: number
  finding: string
  answer: string
  measures: string
  byUser?: string
  at: string
}

interface ReportDates {
  status: string
  receivedAt: string
  ackDue: string
  answerDue: string
  acceptedAt?: string | null
  answeredAt?: string | null
  closedAt?: string | null
  escalated: boolean
  overdue: boolean
  notAcceptedReason?: string | null
  reviewRequestedAt?: string | null
}

export interface ReportTracking extends ReportDates {
  trackingNumber: string
  level: 'county' | 'city'
  countyName?: string | null
  answer?: ReportAnswer | null
  canRequestReview: boolean
}

export interface Report extends ReportDates {
  id: number
  trackingNumber: string
  subjectKind?: string | null
  subjectId?: string | null
  countyId?: string | null
  countyName?: string | null
  level: 'county' | 'city'
  category: string
  content: string
  anonymous: boolean
  reviewReason?: string | null
  answers: ReportAnswer[]
  reporter?: { name?: string; contact?: string; account?: string } | null
}

export interface ReportInput {
  category: string
  content: string
  subjectKind?: string
  subjectId?: string
  countyId?: string
  anonymous: boolean
  name?: string
  contact?: string
}

export interface Filed {
  trackingNumber: string
  secret: string
  report: ReportTracking
}

export interface Inspection {
  id: number
  title: string
  unit: string
  periodFrom: string
  periodTo: string
  counties: string[]
  createdBy: string
  findings: number
  open: number
  inspector?: boolean
}

export interface Rectification {
  id: number
  version: number
  note: string
  submittedBy: string
  submittedAt: string
  files: { n: number; name: string; contentType: string; size: number }[]
}

export interface Finding {
  id: number
  inspectionId: number
  inspectionTitle: string
  subjectKind: string
  subjectId: string
  subjectName?: string | null
  countyId?: string | null
  countyName?: string | null
  severity: string
  problem: string
  deadline: string
  status: string
  overdue: boolean
  escalated: boolean
  onTime?: boolean | null
  rectifiedAt?: string | null
  rectifications?: Rectification[]
  decisions?: { version: number; decision: string; reason: string; by: string; at: string }[]
  responsible?: boolean
}

export interface CountyLine {
  countyId: string | null
  countyName: string | null
  findings: number
  rectifiedOnTime: number
  rectifiedLate: number
  open: number
  overdue: number
}

export interface RectificationReport {
  inspection: Inspection
  countyId: string | null
  counties: CountyLine[]
  total: CountyLine
  findings: Finding[]
}

export interface CountyCounts {
  countyId: string | null
  countyName: string | null
  reportsOpen: number
  reportsOverdue: number
  findingsOpen: number
  findingsOverdue: number
}

export interface Delivery {
  allocationId: number
  needId: number
  needTitle: string
  villageName: string
  donorName: string
  unit: string
  quantity: number
  from: string
  dueAt: string
  doneAt?: string | null
  verifiedAt?: string | null
  onTime?: boolean | null
  delayDays: number
}

export interface DonorReliability {
  donorId: number
  name: string
  type: string
  onTimeDays: number
  confirmed: number
  due: number
  onTime: number
  onTimeShare: number | null
  meanDelayDays: number | null
  foundedReports: number
  openFindings: number
  allocations?: Delivery[]
}

export interface VillageReliability {
  villageId: string
  name: string
  onTimeDays: number
  delivered: number
  due: number
  onTime: number
  onTimeShare: number | null
  foundedReports: number
  openFindings: number
  deliveries?: Delivery[]
}

export const oversight = {
  fileReport: (input: ReportInput) => http.post<Filed>('/public/reports', input),
  track: (trackingNumber: string, secret: string) =>
    http.post<ReportTracking>('/public/reports/track', { trackingNumber, secret }),
  requestReview: (trackingNumber: string, secret: string, reason: string) =>
    http.post<ReportTracking>('/public/reports/review', { trackingNumber, secret, reason }),
  reports: (query?: Query) => http.get<Page<Report>>('/reports', query),
  report: (id: number) => http.get<Report>(`/reports/${id}`),
  handleReport: (id: number, step: 'accept' | 'not-accept' | 'investigate' | 'answer' | 'close', body?: object) =>
    http.post<Report>(`/reports/${id}/${step}`, body),

  inspections: (query?: Query) => http.get<Page<Inspection>>('/inspections', query),
  inspection: (id: number) => http.get<Inspection>(`/inspections/${id}`),
  createInspection: (body: { title: string; periodFrom: string; periodTo: string; counties: string[] }) =>
    http.post<Inspection>('/inspections', body),
  addFinding: (
    id: number,
    body: { subjectKind: string; subjectId: string; severity: string; problem: string; deadline: string },
  ) => http.post<Finding>(`/inspections/${id}/findings`, body),
  rectificationReport: (id: number, county?: string) =>
    http.get<RectificationReport>(`/inspections/${id}/report`, { county }),
  findings: (query?: Query) => http.get<Page<Finding>>('/findings', query),
  finding: (id: number) => http.get<Finding>(`/findings/${id}`),
  rectify: (id: number, note: string, attachments: Attachment[]) =>
    http.post<Finding>(`/findings/${id}/rectifications`, attachments.length ? { note, attachments } : { note }),
  acceptFinding: (id: number) => http.post<Finding>(`/findings/${id}/accept`),
  returnFinding: (id: number, reason: string) => http.post<Finding>(`/findings/${id}/return`, { reason }),
  counts: () => http.get<{ counties: CountyCounts[] }>('/oversight/counts'),

  donorReliability: (query?: Query) => http.get<Page<DonorReliability>>('/reliability/donors', query),
  donorReliabilityOf: (id: number) => http.get<DonorReliability>(`/reliability/donors/${id}`),
  villageReliability: (query?: Query) => http.get<Page<VillageReliability>>('/reliability/villages', query),
  villageReliabilityOf: (id: string) => http.get<VillageReliability>(`/reliability/villages/${encodeURIComponent(id)}`),
}
