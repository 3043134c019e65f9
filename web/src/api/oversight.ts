// The API of 12317 reports, inspections and reliability (docs/oversight.md).
import { http, type Query } from './client'
import type { components } from './openapi.gen'
import type { Attachment, Page } from './types'

type Schemas = components['schemas']

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

/** An answer to a report, as the desk reads it (the reporter's copy has no byUser). */
export type ReportAnswer = Report['answers'][number]

export type ReportTracking = Schemas['ReportTracking']

export type Report = Schemas['Report']

export interface ReportInput {
  category: string
  content: string
  subjectKind?: string
  subjectId?: string
  countyId?: string
  anonymous: boolean
  name?: string
  contact?: string
  /** One photo of what the reporter saw (JPEG, PNG or WebP, at most 2 MB). */
  photos?: Attachment[]
}

export interface Filed {
  trackingNumber: string
  secret: string
  report: ReportTracking
}

export type Inspection = Schemas['Inspection']

export type Rectification = NonNullable<Finding['rectifications']>[number]

export type Finding = Schemas['Finding']

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

export type Delivery = Schemas['Delivery']

export type DonorReliability = Schemas['DonorReliability']

export type VillageReliability = Schemas['VillageReliability']

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
