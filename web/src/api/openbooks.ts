// The API of open books (docs/open-data.md): the board's totals, the open-data feed, proof of
// delivery by sample, donors' certificates and statements, 10.17 pledge days; and the audit log's
// published heads, keys, witnesses and proofs (docs/transparency.md).
import { http, type Query } from './client'
import type { components } from './openapi.gen'
import type { Page } from './types'

type Schemas = components['schemas']

export type BoardTotals = Schemas['BoardTotals']
export type TotalLine = Schemas['TotalLine']
export type Traceability = Schemas['Traceability']
export type SampleResults = Schemas['SampleResults']
export type DeliverySample = Schemas['DeliverySample']
export type DeliveryCheck = Schemas['DeliveryCheck']
export type CheckStatus = DeliveryCheck['status']
export type Certificate = Schemas['Certificate']
export type DonorStatement = Schemas['DonorStatement']
export type HelpLine = Schemas['HelpLine']
export type PledgeDay = Schemas['PledgeDay']
export type PledgeWall = Schemas['PledgeWall']
export type Commendations = Schemas['Commendations']
export type VillageCount = Schemas['VillageCount']
export type OpenDataDump = Schemas['OpenDataDump']
export type TreeHead = Schemas['TreeHead']
export type Cosignature = Schemas['Cosignature']
export type LogKey = Schemas['LogKey']
export type Witness = Schemas['Witness']

/** The audit records of a notice with their leaves and inclusion proofs in the latest head. */
export interface NoticeRecords {
  noticeId?: number
  head?: TreeHead | null
  records?: {
    auditId?: number
    at?: string
    entity?: string
    entityId?: string
    action?: string
    rowHash?: string
    leaf?: string
    leafHash?: string
    covered?: boolean
    index?: number
    path?: string[]
  }[]
}

/** The audit path of one record in a signed head's tree (RFC 9162 §2.1.3): the leaf's hash, never the record. */
export interface InclusionProof {
  auditId: number
  index: number
  treeSize: number
  leafHash: string
  path: string[]
  head: TreeHead
}

/** The proof that the head of `second` records extends the tree of its first `first` (RFC 9162 §2.1.4). */
export interface ConsistencyProof {
  first: number
  second: number
  proof: string[]
  firstHead: TreeHead | null
  secondHead: TreeHead
}

/** `/audit/verify` while a long check goes on. */
export interface Running {
  running: true
}

export const CHECK_ANSWERS = ['received', 'problems', 'not_received'] as const

export const openBooks = {
  boardTotals: (query?: Query) => http.get<BoardTotals>('/public/board/totals', query),
  traceability: () => http.get<Traceability>('/public/open-data/traceability'),
  villages: (query?: Query) => http.get<Page<VillageCount>>('/public/open-data/villages', query),
  dumps: () => http.get<{ items: OpenDataDump[] }>('/public/open-data/dumps'),

  samples: (query?: Query) => http.get<Page<DeliverySample>>('/public/delivery-samples', query),
  sampleChecks: (id: number, query?: Query) =>
    http.get<Page<DeliveryCheck>>(`/public/delivery-samples/${id}/checks`, query),
  checks: (query?: Query) => http.get<Page<DeliveryCheck>>('/delivery-checks', query),
  answerCheck: (id: number, status: string, note?: string) =>
    http.post<DeliveryCheck>(`/delivery-checks/${id}/answer`, note ? { status, note } : { status }),

  certificate: (allocationId: number) => http.get<Certificate>(`/public/certificates/${allocationId}`),
  statement: (donorId: number, year: number) => http.get<DonorStatement>(`/donors/${donorId}/statements/${year}`),
  help: (donorId: number, query?: Query) => http.get<Page<HelpLine>>(`/donors/${donorId}/help`, query),

  pledgeDays: () => http.get<{ items: PledgeDay[] }>('/public/pledge-days'),
  createPledgeDay: (campaignId: number, day: string, targetCny: number) =>
    http.post<PledgeDay>('/pledge-days', { campaignId, day, targetCny }),
  wall: (campaignId: number) => http.get<PledgeWall>(`/public/pledge-days/${campaignId}/wall`),
  commendations: (campaignId: number) => http.get<Commendations>(`/public/pledge-days/${campaignId}/commendations`),

  heads: (query?: Query) => http.get<Page<TreeHead>>('/public/audit-log/heads', query),
  keys: () => http.get<{ items: LogKey[] }>('/public/audit-log/keys'),
  witnesses: () => http.get<{ items: Witness[] }>('/public/audit-log/witnesses'),
  signHead: () => http.post<TreeHead | Running>('/audit-log/heads'),
  registerWitness: (name: string, publicKey: string) => http.post<Witness>('/audit-log/witnesses', { name, publicKey }),
  latestHead: () => http.get<TreeHead>('/public/audit-log/heads/latest'),
  head: (size: number) => http.get<TreeHead>(`/public/audit-log/heads/${size}`),
  inclusion: (id: number, size?: number) =>
    http.get<InclusionProof>('/public/audit-log/proof/inclusion', size ? { id, size } : { id }),
  consistency: (first: number, second: number) =>
    http.get<ConsistencyProof>('/public/audit-log/proof/consistency', { first, second }),
  noticeRecords: (noticeId: number) => http.get<NoticeRecords>(`/public/audit-log/notices/${noticeId}`),
}
