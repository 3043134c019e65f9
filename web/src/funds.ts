// Public notice (公告公示), objections (异议), fund programmes and projects (资金项目), supervision
// alerts (监管预警) and .xlsx exports: wire types and one function per API operation.
import { fetchBlob, http, withQuery, type Query } from './api/client'
import type { Page } from './api/types'

export const NOTICE_KINDS = ['project_approved', 'project_accepted', 'allocation_verified', 'household_status'] as const
export const NOTICE_STATUSES = ['open', 'held', 'closed'] as const
export const PROJECT_STATUSES = ['planned', 'approved', 'in_progress', 'accepted'] as const
export const PROGRAMME_SOURCES = ['city', 'province', 'county', 'paired_county', 'campaign'] as const
export const PROCUREMENT = [
  'public_tender',
  'invited_tender',
  'competitive_negotiation',
  'inquiry',
  'single_source',
  'self_built',
] as const
export const ALERT_RULES = [
  'allocation_not_delivered',
  'allocation_not_received',
  'receipt_without_evidence',
  'allocation_not_verified',
  'project_without_progress',
  'project_overdue',
  'household_many_sources',
  'programme_ahead',
  'programme_behind',
  'pledge_expiring',
] as const
export const ALERT_STATUSES = ['open', 'explained', 'closed'] as const

/** Quanzhou's county-level units (real codes), for the county filters. */
export const QUANZHOU_COUNTIES: [string, string][] = [
  ['350502', '鲤城区'],
  ['350503', '丰泽区'],
  ['350504', '洛江区'],
  ['350505', '泉港区'],
  ['350521', '惠安县'],
  ['350524', '安溪县'],
  ['350525', '永春县'],
  ['350526', '德化县'],
  ['350581', '石狮市'],
  ['350582', '晋江市'],
  ['350583', '南安市'],
  ['3505TS', '泉州台商投资区'],
]

export interface Notice {
  id: number
  kind: string
  subjectType: string
  subjectId: string
  regionId: string
  regionName: string
  countyId: string | null
  countyName: string | null
  title: string
  amount: number | null
  source: string | null
  purpose: string | null
  place: string | null
  implementer: string | null
  beneficiaries: string | null
  publishedAt: string
  windowEndsAt: string
  status: 'open' | 'held' | 'closed'
  closedAt: string | null
  openObjections: number
  objections: number
}

export interface PublicObjection {
  id: number
  filedAt: string
  dueAt: string
  status: 'open' | 'answered'
  answer: string | null
  answeredAt: string | null
}

export interface NoticeDetail extends Notice {
  objectionList: PublicObjection[]
}

export interface Objection extends PublicObjection {
  noticeId: number
  noticeTitle: string
  regionName: string
  text: string
  contact: string | null
  overdue: boolean
}

export interface Programme {
  id: number
  name: string
  source: string
  sourceRegionName: string | null
  campaignName: string | null
  category: string
  year: number
  budget: number
  allocated: number
  disbursed: number
  left: number
  eligibility: string
  startsOn: string
  endsOn: string
  description: string
}

export interface Project {
  id: number
  name: string
  regionId: string
  regionName: string
  countyName: string | null
  householdId: number | null
  category: string
  budget: number
  allocated: number
  disbursed: number
  implementer: string
  procurement: string
  plannedStart: string
  plannedEnd: string
  description: string
  status: 'planned' | 'approved' | 'in_progress' | 'accepted'
  progress: number
  lastReportAt: string | null
}

export interface ProjectDetail extends Project {
  sources: { programmeId: number; programmeName: string; source: string; amount: number; disbursed: number }[]
  disbursements: { id: number; programmeId: number; amount: number; note: string; at: string }[]
  reports: { id: number; percent: number; note: string; at: string; by: string | null; photos: number[] }[]
}

export interface Alert {
  id: number
  rule: string
  title: string
  regionName: string | null
  countyName: string | null
  details: Record<string, unknown>
  raisedAt: string
  status: 'open' | 'explained' | 'closed'
  note: string | null
  handledBy: string | null
  handledAt: string | null
}

export interface Photo {
  name: string
  contentType: string
  dataBase64: string
}

export const fundsApi = {
  notices: (query?: Query) => http.get<Page<Notice>>('/public/notices', query),
  notice: (id: number) => http.get<NoticeDetail>(`/public/notices/${id}`),
  object: (id: number, text: string, contact: string) =>
    http.post<{ id: number; dueAt: string }>(
      `/public/notices/${id}/objections`,
      contact ? { text, contact } : { text },
    ),
  objections: (query?: Query) => http.get<Page<Objection>>('/objections', query),
  answer: (id: number, answer: string) => http.post<Objection>(`/objections/${id}/answer`, { answer }),

  programmes: (query?: Query) => http.get<Page<Programme>>('/funds/programmes', query),
  projects: (query?: Query) => http.get<Page<Project>>('/funds/projects', query),
  project: (id: number) => http.get<ProjectDetail>(`/funds/projects/${id}`),
  createProject: (body: unknown) => http.post<ProjectDetail>('/funds/projects', body),
  approve: (id: number) => http.post<ProjectDetail>(`/funds/projects/${id}/approve`),
  disburse: (id: number, amount: number, note: string, programmeId?: number) =>
    http.post<ProjectDetail>(
      `/funds/projects/${id}/disbursements`,
      programmeId ? { amount, note, programmeId } : { amount, note },
    ),
  report: (id: number, percent: number, note: string, photos: Photo[]) =>
    http.post<ProjectDetail>(`/funds/projects/${id}/progress`, { percent, note, photos }),
  accept: (id: number, note: string) => http.post<ProjectDetail>(`/funds/projects/${id}/accept`, { note }),
  photo: (id: number) => fetchBlob(`/funds/photos/${id}`),
  flows: () =>
    http.get<{ items: { fromName: string; toName: string; budget: number; disbursed: number }[] }>(
      '/funds/mountain-sea-flows',
    ),

  alerts: (query?: Query) => http.get<Page<Alert>>('/alerts', query),
  alertsByCounty: () =>
    http.get<{ items: { countyId: string; countyName: string; open: number; total: number }[] }>('/alerts/by-county'),
  runAlerts: () => http.post<{ raised: number }>('/alerts/run'),
  resolve: (id: number, status: 'explained' | 'closed', note: string) =>
    http.post<Alert>(`/alerts/${id}/resolve`, { status, note }),
}

/** Downloads an .xlsx export with the filters on screen (behind the token when signed in). */
export async function downloadExport(what: string, query: Query, fileName: string): Promise<void> {
  const blob = await fetchBlob(withQuery(`/exports/${what}.xlsx`, query))
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = `${fileName}.xlsx`
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** A file picked on the phone as the API wants it (base64, no data: prefix). */
export function photoOf(file: File): Promise<Photo> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const text = String(reader.result)
      resolve({
        name: file.name,
        contentType: file.type || 'image/jpeg',
        dataBase64: text.slice(text.indexOf(',') + 1),
      })
    }
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(file)
  })
}
