// Wire types of the Bangfu HTTP API. Each is an alias of a schema of the API's OpenAPI document
// (backend/src/main/resources/openapi.yaml), from which `npm run generate:api` writes
// openapi.gen.ts before every dev start, type check and build: the client cannot drift from the
// contract the server is tested against. Money is whole yuan; amounts by unit are maps such as
// {"CNY": 1000, "job": 3}.
import type { components } from './openapi.gen'

type Schemas = components['schemas']

export type Role = Schemas['RoleName']
export type Me = Schemas['User']
export type LoginResponse = Schemas['Login']

/** One page of a list: its items, how many match in all (counting may stop: totalCapped). */
export type Page<T> = Omit<Schemas['Page'], 'items'> & { items: T[] }

/** One field at fault: its path, a stable code the web app translates, the API's English text. */
export type FieldError = Schemas['FieldError']
export type ErrorBody = Schemas['Error']

export type Amounts = Schemas['Amounts']

export type Category = Schemas['Category']
/** Every category, in the order forms offer them. */
export const CATEGORIES = [
  'industry',
  'employment',
  'relocation',
  'housing',
  'education',
  'health',
  'ecology',
  'training',
  'microcredit',
  'ecommerce',
  'tourism',
  'collective',
  'infrastructure',
  'public_service',
] as const satisfies readonly Category[]

export type NeedStatus = Schemas['NeedStatus']
export type Need = Schemas['Need']
export type NeedInput = Schemas['NeedInput']

export type HouseholdStatus = Schemas['HouseholdStatus']
export type Household = Schemas['Household']

export type Pledge = Schemas['Pledge']
export type PledgeStatus = Pledge['status']
export type PledgeInput = Schemas['PledgeInput']

export type AllocationStatus = Schemas['AllocationStatus']
export type Evidence = Schemas['Evidence']
export type HistoryEntry = Schemas['AllocationStep']
export type Allocation = Schemas['Allocation']

export type Campaign = Schemas['Campaign']
export type CampaignState = Campaign['state']
export type NewCampaign = Schemas['CampaignInput']
export type DonorType = Schemas['DonorType']
export const DONOR_TYPES = ['enterprise', 'chamber', 'overseas', 'individual'] as const satisfies readonly DonorType[]

/** A donor's pairing with a village in a campaign (结对), approved by the united front. */
export type CampaignPairing = Schemas['CampaignPairing']
export type PairingStatus = CampaignPairing['status']

/** One open deadline in the inbox (消息与待办), where it stands now and under which rule. */
export type Notification = Schemas['Notification']
export type DeadlineKind = Schemas['DeadlineKind']
export type InboxSection = Notification['section']
export const INBOX_SECTIONS = ['late', 'soon', 'todo'] as const satisfies readonly InboxSection[]
export type Inbox = Schemas['Inbox']
export type InboxCounts = Schemas['InboxCounts']
export type UnreadCount = Schemas['UnreadCount']

export type UnmetVillage = Schemas['UnmetVillage']
export type UnmetVillages = Schemas['UnmetVillages']
export type AllocationTotals = Schemas['AllocationTotals']
export type ProgressFigures = Schemas['ProgressGroup']
export type CampaignProgress = Schemas['Progress']

export type MatchRound = Schemas['MatchRound']
/** Whether villages not yet helped came first in a round, and what it cost. */
export type RoundFairness = Schemas['RoundFairness']
/** What one donor was proposed to give one need in a round, all its pledges together. */
export type RoundRow = Schemas['RoundRow']
/** A need a round left (partly) short, with the reason. */
export type RoundUnmatchedNeed = Schemas['RoundUnmatchedNeed']
export type UnmatchedReason = Schemas['UnmatchedReason']
export type BoardEntry = Schemas['BoardEntry']

export type Region = Schemas['Region']
/** Two regions paired (山海协作 counties, or townships). */
export type Pairing = Schemas['RegionPairing']
export type RegionTree = Schemas['RegionTree']
export type VillageInfo = Schemas['Village']
/** A region found by name, with the names above it (安溪县 · 龙门镇 · 福亭村). */
export type RegionMatch = Schemas['RegionMatch']
export type RegionLevel = RegionMatch['level']
/** A record a 12317 report may name, as its picker shows it. */
export type ReportSubject = Schemas['ReportSubject']
export type CampaignTargets = Schemas['CampaignTargets']

export type Donor = Schemas['Donor']
export type Attachment = Schemas['Attachment']
