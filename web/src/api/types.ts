// Wire types of the Bangfu HTTP API (docs/api.md). Money is whole yuan; amounts by unit are
// maps such as {"CNY": 1000, "job": 3}.

export type Role = 'village_secretary' | 'reviewer' | 'donor' | 'united_front' | 'auditor' | 'admin'

export interface Me {
  id: number
  username: string
  displayName: string
  role: Role
  villageId: string | null
  regionId: string | null
  donorId: number | null
}

export interface LoginResponse {
  token: string
  expiresAt: string
  user: Me
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  size: number
  /** Counting stopped at `total`: there are more matches than that. */
  totalCapped?: boolean
}

/** One field at fault: its path, a stable code the web app translates, the API's English text. */
export interface FieldError {
  field: string
  code: string
  message: string
  params?: Record<string, unknown>
}

export interface ErrorBody {
  error: string
  message: string
  params?: Record<string, unknown>
  fields?: FieldError[]
}

export type Amounts = Record<string, number>

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
] as const
export type Category = (typeof CATEGORIES)[number]

export type NeedStatus =
  | 'draft'
  | 'submitted'
  | 'published'
  | 'rejected'
  | 'partly_allocated'
  | 'allocated'
  | 'fulfilled'
  | 'verified'
  | 'expired'
  | 'withdrawn'

export interface Need {
  id: number
  villageId: string
  villageName: string
  countyId: string
  countyName?: string
  townshipId: string
  townshipName?: string
  householdId: number | null
  householdLevel?: boolean
  category: Category
  unit: string
  quantity: number
  allocated: number
  remaining: number
  priority: number
  deadline: string | null
  title: string
  description: string
  status: NeedStatus
  rejectReason: string | null
  createdAt: string
  updatedAt: string
  reasons?: string[]
}

export interface NeedInput {
  villageId: string
  householdId?: number | null
  category: string
  unit: string
  quantity: number
  priority: number
  deadline?: string | null
  title: string
  description: string
}

export type HouseholdStatus = 'in_poverty' | 'exited' | 'returned' | 'new' | 'marginal'

export interface Household {
  id: number
  villageId: string
  headName: string
  idNumber?: string
  phone?: string
  address?: string
  status: HouseholdStatus
  members: number
  labourCapacity?: number | string | null
  gaps: string[]
  linkedCadre?: string | null
}

export type PledgeStatus = 'open' | 'exhausted' | 'expired' | 'withdrawn'

export interface Pledge {
  id: number
  donorId: number
  campaignId: number | null
  unit: string
  quantity: number
  categories: string[]
  scope: string[]
  maxPerNeed: number | null
  expires: string | null
  mode: 'pooled' | 'earmarked'
  note: string | null
  allocated: number
  remaining: number
  status: PledgeStatus
}

export type AllocationStatus = 'proposed' | 'confirmed' | 'declined' | 'delivered' | 'received' | 'verified' | 'expired'

export interface Evidence {
  n: number
  stage?: string
  note?: string | null
  name: string
  contentType: string
  size?: number
  at?: string
}

export interface HistoryEntry {
  status: string
  at: string
  by: string | number | null
  note?: string | null
}

export interface Allocation {
  id: number
  needId: number
  needTitle: string
  villageId: string
  villageName: string
  pledgeId: number
  donorId: number
  donorName: string
  unit: string
  quantity: number
  reasons: string[]
  source: 'claim' | 'round'
  roundId: number | null
  status: AllocationStatus
  evidence?: Evidence[]
  category?: string
  history?: HistoryEntry[]
}

export type CampaignState = 'upcoming' | 'open' | 'ended' | 'closed'
export type DonorType = 'enterprise' | 'chamber' | 'overseas' | 'individual'
export const DONOR_TYPES: DonorType[] = ['enterprise', 'chamber', 'overseas', 'individual']

export interface Campaign {
  id: number
  code: string
  name: string
  description?: string
  startsOn?: string
  endsOn?: string | null
  donorTypes?: DonorType[]
  regionPairingKind?: string | null
  closedAt?: string | null
  state?: CampaignState
  donorsEnrolled?: number
  villagesPaired?: number
  pairingsPending?: number
  /** for a signed-in donor */
  enrolled?: boolean
}

export type PairingStatus = 'pending' | 'approved' | 'declined'

/** A donor's pairing with a village in a campaign (结对), approved by the united front. */
export interface CampaignPairing {
  id: number | null
  campaignId: number
  donorId: number
  donorName: string
  villageId: string
  villageName: string
  countyName: string | null
  status: PairingStatus
  requestedAt: string
  decidedAt: string | null
}

export interface NewCampaign {
  code: string
  name: string
  description?: string
  startsOn: string
  endsOn?: string | null
  donorTypes: DonorType[]
}

export type NotificationKind = 'proposal' | 'delivered' | 'review' | 'verify' | 'pairing'

export interface Notification {
  key: string
  kind: NotificationKind
  at: string
  ref: number
  title: string
  villageName: string | null
  unit: string | null
  quantity: number | null
  read: boolean
}

export interface Inbox {
  items: Notification[]
  total: number
  unread: number
}

export interface UnmetVillage {
  villageId: string
  villageName: string
  countyName: string | null
  openNeeds: number
  remaining: Amounts
}

export interface AllocationTotals {
  count: number
  amounts: Amounts
  byStatus: Record<string, { count: number; amounts: Amounts }>
}

export interface ProgressFigures {
  donorsEnrolled?: number
  villagesPaired?: number
  pledged?: Amounts
  /** proposed and not yet confirmed by the donor */
  proposed?: Amounts
  /** proposed + confirmed (every live match); not shown as "matched" */
  allocated?: Amounts
  confirmed?: Amounts
  delivered?: Amounts
  verified?: Amounts
  needsOpen?: number
  needsPartlyCovered?: number
  needsFullyCovered?: number
}

export interface CampaignProgress {
  campaign: Campaign
  totals: ProgressFigures
  byCounty?: (ProgressFigures & { countyId: string; countyName: string })[]
  byCategory?: (ProgressFigures & { category: string })[]
  byOrigin?: (ProgressFigures & { countyId: string; countyName: string | null })[]
  byMonth?: { month: string; confirmed?: Amounts; verified?: Amounts }[]
  pairingFlows?: {
    from: string
    fromName: string
    to: string
    toName: string
    proposed?: Amounts
    confirmed?: Amounts
    allocated?: Amounts
    verified?: Amounts
  }[]
}

export interface MatchRound {
  id: number
  status: string
  objective?: number
  allocationCount: number
  amountProposed?: Amounts
  needsTouched?: number
  pledgesTouched?: number
  startedAt?: string
  finishedAt?: string
  allocations?: Allocation[]
}

export interface BoardEntry {
  id?: number
  villageId?: string
  villageName: string
  countyId?: string
  countyName: string
  donorName: string
  category: string
  unit: string
  quantity: number
  verifiedAt: string
}

export interface Region {
  id: string
  name: string
  level: 'city' | 'county' | 'township' | 'village' | string
  children?: Region[]
  poorVillage?: boolean
  keyVillage?: boolean
  helpVillage?: boolean
  dispatchedBy?: string | null
  collectiveIncome?: number | null
  collectiveStatus?: 'hollow' | 'weak' | 'ok' | null
}

export interface Pairing {
  from: string
  fromName: string
  to: string
  toName: string
}

export interface RegionTree extends Region {
  pairings?: Pairing[]
}

export interface Donor {
  id: number
  name: string
  type: 'enterprise' | 'chamber' | 'overseas' | 'individual'
  homeCounty?: string | null
  verified?: boolean
  /** an overseas donor's hometown (祖籍地) */
  hometown?: { county: string | null; township: string | null; village: string | null } | null
  country?: string | null
}

export interface Attachment {
  name: string
  contentType: string
  dataBase64: string
}

export interface VillageInfo extends Region {
  countyId?: string
  countyName?: string
  townshipId?: string
  townshipName?: string
  openNeeds?: number
}
