// The API of the desks that had none: 问责 (accountability), accounts, donors, a campaign's and a
// pledge's own pages, village caps, opening a fund programme, and the open-data files a person
// downloads. Each function spells out its path, so the API's callers can be read from the sources.
import { fetchBlob, http, type Query } from './client'
import type { components } from './openapi.gen'
import type { Campaign, Donor, Page, Pledge, Role } from './types'

type Schemas = components['schemas']

export type AccountabilityCase = Schemas['AccountabilityCase']
export type CaseGround = Schemas['CaseGround']
export type Measure = Schemas['AccountabilityMeasure']
export type CaseStatus = AccountabilityCase['status']
export type GroundKind = AccountabilityCase['ground']
export const MEASURES = [
  'admonishment_talk',
  'circulated_criticism',
  'party_discipline',
  'government_sanction',
  'organisational_handling',
  'none',
] as const satisfies readonly Measure[]
export const CASE_STATUSES = ['open', 'decided'] as const satisfies readonly CaseStatus[]
export const GROUND_KINDS = [
  'founded_report',
  'repeated_finding',
  'late_rectification',
] as const satisfies readonly GroundKind[]

/** One person held to account: unit and post as text (no names), and the measure. */
export interface CasePerson {
  unit: string
  role: string
  measure: Measure | ''
}

export type User = Schemas['User']
export interface NewUser {
  username: string
  displayName: string
  role: Role
  password: string
  villageId?: string
  regionId?: string
  donorId?: number
}
export interface UserChange {
  displayName?: string
  active?: boolean
  password?: string
}

export type DonorInput = Schemas['DonorInput']
export type VillageCap = Schemas['VillageCap']
export interface PledgeChange {
  quantity?: number
  maxPerNeed?: number
  expires?: string
  note?: string
  mode?: 'pooled' | 'earmarked'
}

export type Grant = Schemas['Grant360']
export type GrantPackage = Schemas['GrantPackage']
export type DeliverySample = Schemas['DeliverySample']

export const accountability = {
  cases: (query?: Query) => http.get<Page<AccountabilityCase>>('/accountability/cases', query),
  case: (id: number) => http.get<AccountabilityCase>(`/accountability/cases/${id}`),
  grounds: (query?: Query) => http.get<Page<CaseGround>>('/accountability/grounds', query),
  open: (ground: CaseGround, summary: string) =>
    http.post<AccountabilityCase>(
      '/accountability/cases',
      ground.source === 'report' ? { reportId: ground.id, summary } : { findingId: ground.id, summary },
    ),
  decide: (id: number, basis: string, people: CasePerson[]) =>
    http.post<AccountabilityCase>(`/accountability/cases/${id}/decision`, { basis, people }),
}

export const accounts = {
  users: (query?: Query) => http.get<Page<User>>('/users', query),
  user: (id: number) => http.get<User>(`/users/${id}`),
  create: (input: NewUser) => http.post<User>('/users', input),
  change: (id: number, change: UserChange) => http.patch<User>(`/users/${id}`, change),
}

export const donors = {
  register: (input: DonorInput) => http.post<Donor>('/donors', input),
  update: (id: number, input: DonorInput) => http.patch<Donor>(`/donors/${id}`, input),
}

export const pages = {
  campaign: (id: number) => http.get<Campaign>(`/campaigns/${id}`),
  pledge: (id: number) => http.get<Pledge>(`/pledges/${id}`),
  changePledge: (id: number, change: PledgeChange) => http.patch<Pledge>(`/pledges/${id}`, change),
}

export const caps = {
  of: (villageId: string) =>
    http.get<{ villageId: string; items: VillageCap[] }>(`/villages/${encodeURIComponent(villageId)}/caps`),
  set: (villageId: string, unit: string, max: number) =>
    http.put<VillageCap>(`/villages/${encodeURIComponent(villageId)}/caps/${encodeURIComponent(unit)}`, { max }),
  remove: (villageId: string, unit: string) =>
    http.delete(`/villages/${encodeURIComponent(villageId)}/caps/${encodeURIComponent(unit)}`),
}

/** The open-data feed and its files, as a person reads or downloads them. */
export const openData = {
  grants: (query?: Query) => http.get<GrantPackage>('/public/open-data/grants', query),
  grant: (allocationId: number) => http.get<Grant>(`/public/open-data/allocations/${allocationId}`),
  schema: () => fetchBlob('/public/open-data/schema'),
  dump: (day: string) => fetchBlob(`/public/open-data/dumps/${day}`),
  sample: (id: number) => http.get<DeliverySample>(`/public/delivery-samples/${id}`),
}

/** One evidence file of a rectification, behind the token. */
export const rectificationFile = (findingId: number, version: number, n: number) =>
  fetchBlob(`/findings/${findingId}/rectifications/${version}/files/${n}`)
