// Whether a donor may enrol in a campaign as the screen offers it: the campaign is open and its
// rules admit the donor's type (the API enforces the same and answers campaign_donor_type).
import type { Campaign, DonorType } from './api/types'

export function canEnrol(c: Campaign, donorType: DonorType | null | undefined): boolean {
  if (c.enrolled || (c.state ?? 'open') !== 'open') return false
  const types = c.donorTypes ?? []
  return types.length === 0 || (!!donorType && types.includes(donorType))
}
