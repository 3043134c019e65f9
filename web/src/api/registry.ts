// The registry over time: households' status applications and timelines, cadres and plans,
// 回头看 rounds, villages' collective incomes and the two goals.
import { fetchBlob, http, type Query } from './client'
import type { components, paths } from './openapi.gen'
import type { Attachment, Household, Page } from './types'

export type { HouseholdStatus } from './types'
export const GAPS = ['food', 'clothing', 'education', 'medical', 'housing'] as const
export const MEASURE_KINDS = [
  'industry',
  'employment',
  'relocation',
  'housing',
  'education',
  'health',
  'ecology',
  'dibao',
  'training',
  'microcredit',
  'ecommerce',
  'tourism',
] as const

/** A household as the register shows it (the same record the API gives everywhere). */
export type RegistryHousehold = Household

export interface TimelineEntry {
  id: number
  applicationId: number | null
  step: 'registered' | 'submitted' | 'reviewed' | 'approved' | 'rejected' | 'effective'
  fromStatus: string | null
  toStatus: string
  year: number | null
  /** The official who took the step; null when the notice's end made it effective. */
  actorName: string | null
  note: string
  at: string
}

export type StatusApplication = components['schemas']['StatusApplication']
export type ApplicationState = StatusApplication['state']

export interface ApplicationInput {
  householdId: number
  toStatus: string
  year: number
  incomePerHead: number
  unmet?: string[]
  removedReason?: string
  dibao?: boolean
  tekun?: boolean
  note?: string
}

export type Cadre = components['schemas']['Cadre']

export interface PlanMeasure {
  id: number
  kind: string
  target: string
  status: string
  needId: number | null
}

export interface CadreVisit {
  id: number
  cadreName: string
  visitedOn: string
  what: string
  photoUrl: string | null
}

export interface HouseholdPlan {
  householdId: number
  cadre: Cadre | null
  measures: PlanMeasure[]
  visits: CadreVisit[]
}

// ---- the household's upkeep: registration, 两不愁三保障 gaps, plan measures, one application

/** 两不愁三保障 and safe drinking water: what a gap record may name. */
export const GAP_KINDS = ['food', 'clothing', 'education', 'medical', 'housing', 'water'] as const
/** What a household entering the register may apply to be identified as. */
export const REGISTER_AS = ['in_poverty', 'marginal', 'monitored'] as const
export const MEASURE_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const

export type HouseholdInput = components['schemas']['HouseholdInput']
export type HouseholdGap = components['schemas']['HouseholdGap']
/** A household just registered (masked), with the application it entered with. */
export type RegisteredHousehold = Household & { application: StatusApplication }

export const householdUpkeepApi = {
  register: (input: HouseholdInput) => http.post<RegisteredHousehold>('/households', input),
  gaps: (householdId: number) =>
    http.get<{ householdId: number; items: HouseholdGap[] }>(`/households/${householdId}/gaps`),
  openGap: (householdId: number, gap: string, found: string) =>
    http.post<HouseholdGap>(`/households/${householdId}/gaps`, { gap, found }),
  closeGap: (gapId: number, note: string, evidence?: Attachment) =>
    http.post<HouseholdGap>(`/household-gaps/${gapId}/close`, evidence ? { note, evidence: [evidence] } : { note }),
  gapEvidence: (gapId: number) => fetchBlob(`/household-gaps/${gapId}/evidence`),
  updateMeasure: (id: number, body: { target?: string; status?: string }) =>
    http.patch<unknown>(`/plan-measures/${id}`, body),
  application: (id: number) => http.get<StatusApplication>(`/status-applications/${id}`),
  withdraw: (id: number, reason: string) =>
    http.post<StatusApplication>(`/status-applications/${id}/withdraw`, { reason }),
}

export interface RegistrySummary {
  totals: Record<string, number>
  byCounty: { county: string; countyName: string; status: string; households: number }[]
  overTime: { year: number; status: string; households: number }[]
}

export interface GoalVillage {
  villageId: string
  villageName: string
  year: number | null
  amount: number | null
  verified: boolean
}

export interface CollectiveGoals {
  /** The year counted: asked for, else the latest with incomes entered. */
  year: number
  hollowLine: number
  weakLine: number
  totals: { villages: number; hollow: number; weak: number; ok: number; noIncome: number }
  counties: {
    countyId: string
    countyName: string
    villages: number
    hollow: GoalVillage[]
    weak: GoalVillage[]
    noIncome: GoalVillage[]
    noHollowThisYear: boolean
    noWeakYet: boolean
  }[]
  byYear: { year: number; hollow: number; weak: number; ok: number }[]
}

export const registryApi = {
  households: (query: Query) => http.get<Page<RegistryHousehold>>('/households', query),
  household: (id: number) => http.get<RegistryHousehold>(`/households/${id}`),
  updateHousehold: (id: number, body: Partial<{ gaps: string[] }>) =>
    http.patch<RegistryHousehold>(`/households/${id}`, body),
  timeline: (id: number) => http.get<{ items: TimelineEntry[] }>(`/households/${id}/timeline`),
  plan: (id: number) => http.get<HouseholdPlan>(`/households/${id}/plan`),
  assignCadre: (id: number, cadreId: number) => http.post<HouseholdPlan>(`/households/${id}/cadre`, { cadreId }),
  addMeasure: (id: number, body: { kind: string; target: string; status?: string }) =>
    http.post<PlanMeasure>(`/households/${id}/plan/measures`, body),
  addVisit: (id: number, body: { visitedOn: string; what: string }) =>
    http.post<HouseholdPlan>(`/households/${id}/visits`, body),
  cadres: (query?: Query) => http.get<Page<Cadre>>('/cadres', query),
  applications: (query: Query) => http.get<Page<StatusApplication>>('/status-applications', query),
  apply: (input: ApplicationInput) => http.post<StatusApplication>('/status-applications', input),
  review: (id: number, decision: 'pass' | 'reject', reason?: string) =>
    http.post<StatusApplication>(`/status-applications/${id}/review`, reason ? { decision, reason } : { decision }),
  approve: (id: number, decision: 'pass' | 'reject', reason?: string) =>
    http.post<StatusApplication>(`/status-applications/${id}/approve`, reason ? { decision, reason } : { decision }),
  summary: () => http.get<RegistrySummary>('/registry/summary'),
  goals: (year?: number) => http.get<CollectiveGoals>('/collective-goals', { year }),
}

// ---- 回头看 rounds, cadres' appointments and their sending units (挂钩帮扶单位)

/** A county's 回头看 round of one year, with how far its visits have come. */
export interface ReviewRound {
  id: number
  countyId: string
  countyName: string
  year: number
  incomeLine: number
  openedAt: string
  households: number
  visited: number
  failed: number
}

/** A household on a round's list, with its visit once recorded. */
export interface RoundHousehold {
  householdId: number
  headName: string
  villageId: string
  villageName: string
  status: string
  visitId: number | null
  visitedOn: string | null
  incomePerHead: number | null
  unmet: string[]
  passed: boolean | null
  applicationId: number | null
  note: string | null
  hasPhoto: boolean
}

export interface RoundVillage {
  villageId: string
  villageName: string
  township: string
  townshipName: string
  households: number
  visited: number
  passed: number
  failed: number
}

export type RoundProgress = ReviewRound & { villages: RoundVillage[] }

/** The 回头看 checklist: 两不愁三保障 and drinking water, each met or not. */
export const ROUND_CHECKLIST = ['food', 'clothing', 'education', 'medical', 'housing', 'water'] as const
export type ChecklistItem = (typeof ROUND_CHECKLIST)[number]

export interface RoundVisitInput {
  householdId: number
  visitedOn: string
  incomePerHead: number
  checklist: Record<ChecklistItem, boolean>
  note?: string
  photos?: Attachment[]
}

export type HelpUnit = components['schemas']['HelpUnit']
export type FirstSecretary = components['schemas']['FirstSecretary']
export type CadreInput = NonNullable<paths['/cadres']['post']['requestBody']>['content']['application/json']

export interface CadreVisitsReport {
  year: number
  items: { cadreId: number; cadreName: string; quarter: number; visits: number }[]
}

export const reviewApi = {
  rounds: (query: Query) => http.get<Page<ReviewRound>>('/review-rounds', query),
  open: (body: { year: number; incomeLine: number; countyId?: string }) =>
    http.post<ReviewRound>('/review-rounds', body),
  round: (id: number) => http.get<ReviewRound>(`/review-rounds/${id}`),
  households: (id: number, query: Query) => http.get<Page<RoundHousehold>>(`/review-rounds/${id}/households`, query),
  visit: (id: number, body: RoundVisitInput) => http.post<RoundHousehold>(`/review-rounds/${id}/visits`, body),
  progress: (id: number) => http.get<RoundProgress>(`/review-rounds/${id}/progress`),
  photo: (visitId: number) => fetchBlob(`/review-visits/${visitId}/photo`),
}

export const cadreApi = {
  appoint: (body: CadreInput) => http.post<Cadre>('/cadres', body),
  cadre: (id: number) => http.get<Cadre>(`/cadres/${id}`),
  end: (id: number, endedOn?: string) => http.post<Cadre>(`/cadres/${id}/end`, endedOn ? { endedOn } : {}),
  visits: (year?: number) => http.get<CadreVisitsReport>('/cadre-reports/visits', { year }),
  units: (query: Query) => http.get<Page<HelpUnit>>('/help-units', query),
  addUnit: (body: { name: string; level: HelpUnit['level']; regionId?: string }) =>
    http.post<HelpUnit>('/help-units', body),
  /** The village's 第一书记 serving now, or null when it has none. */
  firstSecretary: async (villageId: string) =>
    (await http.get<FirstSecretary | undefined>(`/villages/${encodeURIComponent(villageId)}/first-secretary`)) ?? null,
}

// ---- villages over time: the collective income per year and 摘帽 (docs/registry.md, Villages)

export type VillageIncome = components['schemas']['VillageIncome']
export type VillageExit = components['schemas']['VillageExit']
export type VillageExitCriteria = components['schemas']['VillageExitCriteria']
/** What the county confirms itself for an exit: no figure of the register says it. */
export const EXIT_CONDITIONS = ['roads', 'drinkingWater', 'power', 'clinic'] as const

export const villagesApi = {
  incomes: (id: string) =>
    http.get<{ villageId: string; items: VillageIncome[] }>(`/villages/${encodeURIComponent(id)}/incomes`),
  enterIncome: (id: string, year: number, amount: number) =>
    http.put<VillageIncome>(`/villages/${encodeURIComponent(id)}/incomes/${year}`, { amount }),
  verifyIncome: (id: string, year: number) =>
    http.post<VillageIncome>(`/villages/${encodeURIComponent(id)}/incomes/${year}/verify`),
  exit: (id: string) => http.get<VillageExit>(`/villages/${encodeURIComponent(id)}/exit`),
  criteria: (id: string, year: number) =>
    http.get<VillageExitCriteria>(`/villages/${encodeURIComponent(id)}/exit/criteria`, { year }),
  applyExit: (id: string, year: number) =>
    http.post<VillageExit>(`/villages/${encodeURIComponent(id)}/exit`, {
      year,
      ...Object.fromEntries(EXIT_CONDITIONS.map((c) => [c, true])),
    }),
  withdrawExit: (id: string, reason: string) =>
    http.post<VillageExit>(`/villages/${encodeURIComponent(id)}/exit/withdraw`, { reason }),
}
