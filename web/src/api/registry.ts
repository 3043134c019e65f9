// The registry over time: households' status applications and timelines, cadres and plans,
// 回头看 rounds, villages' collective incomes and the two goals.
import { http, request, type Query } from './client'
import type { components } from './openapi.gen'
import type { Household, Page } from './types'

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
  enterIncome: (villageId: string, year: number, amount: number) =>
    request<unknown>('PUT', `/villages/${encodeURIComponent(villageId)}/incomes/${year}`, { amount }),
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
