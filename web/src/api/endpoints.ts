// One function per API operation used by the workspaces (docs/api.md).
import { http, type Query } from './client'
import type {
  Allocation,
  AllocationTotals,
  Attachment,
  BoardEntry,
  Campaign,
  CampaignPairing,
  CampaignProgress,
  Donor,
  Household,
  Inbox,
  LoginResponse,
  MatchRound,
  RoundUnmatchedNeed,
  Me,
  Need,
  NeedInput,
  NewCampaign,
  Page,
  PairingStatus,
  Pledge,
  PledgeInput,
  RegionLevel,
  RegionMatch,
  RegionTree,
  ReportSubject,
  CampaignTargets,
  UnmetVillages,
  UnreadCount,
  InboxSection,
  DeadlineKind,
  VillageInfo,
} from './types'
import type { AuditCheck, AuditEntry } from '../audit'

export const api = {
  login: (username: string, password: string) => http.post<LoginResponse>('/auth/login', { username, password }),
  me: () => http.get<Me>('/me'),
  regions: () => http.get<RegionTree>('/regions'),
  village: (id: string) => http.get<VillageInfo>(`/villages/${encodeURIComponent(id)}`),
  /** Regions by name for the pickers: of the levels given, inside `within` when given. */
  regionSearch: (q: string, levels: RegionLevel[], within?: string | null, limit = 20) =>
    http.get<{ items: RegionMatch[] }>('/regions/search', { q, level: levels.join(','), within, limit }),
  /** What a 12317 report may name, found by name among what the public may see. */
  reportSubjects: (kind: string, q: string) =>
    http.get<{ items: ReportSubject[] }>('/public/report-subjects', { kind, q, limit: 15 }),
  /** Whether this installation shows the invented demo data. */
  about: () => http.get<{ demoData: boolean }>('/public/about'),

  needs: (query?: Query) => http.get<Page<Need>>('/needs', query),
  need: (id: number) => http.get<Need>(`/needs/${id}`),
  createNeed: (input: NeedInput) => http.post<Need>('/needs', input),
  updateNeed: (id: number, input: Partial<NeedInput>) => http.patch<Need>(`/needs/${id}`, input),
  submitNeed: (id: number) => http.post<Need>(`/needs/${id}/submit`),
  publishNeed: (id: number) => http.post<Need>(`/needs/${id}/publish`),
  rejectNeed: (id: number, reason: string) => http.post<Need>(`/needs/${id}/reject`, { reason }),
  withdrawNeed: (id: number) => http.post<Need>(`/needs/${id}/withdraw`),
  claimNeed: (id: number, quantity: number, pledgeId?: number | null) =>
    http.post<Allocation>(`/needs/${id}/claims`, pledgeId ? { pledgeId, quantity } : { quantity }),

  households: (villageId: string) => http.get<Page<Household>>('/households', { villageId, size: 100 }),
  household: (id: number) => http.get<Household>(`/households/${id}`),

  donor: (id: number) => http.get<Donor>(`/donors/${id}`),
  donors: (query?: Query) => http.get<Page<Donor>>('/donors', query),

  campaigns: () => http.get<Page<Campaign>>('/campaigns'),
  progress: (id: number) => http.get<CampaignProgress>(`/campaigns/${id}/progress`),
  openCampaign: (input: NewCampaign) => http.post<Campaign>('/campaigns', input),
  closeCampaign: (id: number) => http.post<Campaign>(`/campaigns/${id}/close`),
  reopenCampaign: (id: number) => http.post<Campaign>(`/campaigns/${id}/reopen`),
  setTargets: (id: number, targets: CampaignTargets) => http.put<Campaign>(`/campaigns/${id}/targets`, targets),
  enrol: (campaignId: number) =>
    http.post<{ campaignId: number; donorId: number }>(`/campaigns/${campaignId}/enrolments`, {}),
  pairings: (campaignId: number, query?: { status?: PairingStatus | null; page?: number; size?: number }) =>
    http.get<Page<CampaignPairing>>(`/campaigns/${campaignId}/pairings`, query),
  requestPairing: (campaignId: number, villageId: string) =>
    http.post<CampaignPairing>(`/campaigns/${campaignId}/pairings`, { villageId }),
  approvePairing: (id: number) => http.post<CampaignPairing>(`/campaign-pairings/${id}/approve`),
  declinePairing: (id: number) => http.post<CampaignPairing>(`/campaign-pairings/${id}/decline`),
  unmetVillages: (county?: string | null) => http.get<UnmetVillages>('/progress/unmet-villages', { county }),
  allocationTotals: (query?: Query) => http.get<AllocationTotals>('/progress/allocation-totals', query),

  notifications: (query?: { section?: InboxSection; kind?: DeadlineKind; page?: number; size?: number }) =>
    http.get<Inbox>('/notifications', query),
  unreadCount: () => http.get<UnreadCount>('/notifications/unread'),
  markRead: (keys: string[] | 'all') =>
    http.post<{ marked: number }>('/notifications/read', keys === 'all' ? { all: true } : { keys }),

  pledges: (query?: Query) => http.get<Page<Pledge>>('/pledges', query),
  createPledge: (input: PledgeInput) => http.post<Pledge>('/pledges', input),
  withdrawPledge: (id: number) => http.post<Pledge>(`/pledges/${id}/withdraw`),

  allocations: (query?: Query) => http.get<Page<Allocation>>('/allocations', query),
  allocation: (id: number) => http.get<Allocation>(`/allocations/${id}`),
  confirm: (id: number) => http.post<Allocation>(`/allocations/${id}/confirm`),
  decline: (id: number, reason?: string) =>
    http.post<Allocation>(`/allocations/${id}/decline`, reason ? { reason } : {}),
  deliver: (id: number, note: string) => http.post<Allocation>(`/allocations/${id}/deliver`, { note }),
  receive: (id: number, note: string, attachments: Attachment[]) =>
    http.post<Allocation>(`/allocations/${id}/receive`, { note, attachments }),
  verify: (id: number, exception?: { kind: string; reason: string }) =>
    http.post<Allocation>(`/allocations/${id}/verify`, exception ? { exception } : {}),
  returnReceipt: (id: number, reason: string) => http.post<Allocation>(`/allocations/${id}/return`, { reason }),
  revokeVerification: (id: number, reason: string) => http.post<Allocation>(`/allocations/${id}/revoke`, { reason }),

  startRound: (campaignId?: number | null) => http.post<MatchRound>('/match-rounds', campaignId ? { campaignId } : {}),
  rounds: () => http.get<Page<MatchRound>>('/match-rounds'),
  round: (id: number) => http.get<MatchRound>(`/match-rounds/${id}`),
  roundUnmatched: (id: number, query?: Query) =>
    http.get<Page<RoundUnmatchedNeed>>(`/match-rounds/${id}/unmatched`, query),

  audit: (query?: Query) => http.get<Page<AuditEntry>>('/audit', query),
  auditCheck: () => http.get<AuditCheck>('/audit/verify'),

  board: (query?: Query) => http.get<Page<BoardEntry>>('/public/board', query),
}

/** The items of a page (or of a plain list), none while nothing is loaded. */
export function itemsOf<T>(data: Page<T> | T[] | undefined | null): T[] {
  if (!data) return []
  return Array.isArray(data) ? data : (data.items ?? [])
}
