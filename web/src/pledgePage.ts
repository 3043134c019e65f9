// A pledge's page: only what the donor changed is sent (PATCH /pledges/{id}).
import type { PledgeChange } from './api/desks'
import type { Pledge } from './api/types'

export interface PledgeForm {
  quantity: number
  maxPerNeed: number | null
  expires: string
  note: string
  mode: 'pooled' | 'earmarked'
}

/** The fields that differ from the pledge as it stands; an empty note or date is not sent. */
export function pledgeChange(before: Pledge, form: PledgeForm): PledgeChange {
  const change: PledgeChange = {}
  if (form.quantity !== before.quantity) change.quantity = form.quantity
  if (form.maxPerNeed && form.maxPerNeed !== before.maxPerNeed) change.maxPerNeed = form.maxPerNeed
  if (form.expires && form.expires !== before.expires) change.expires = form.expires
  if (form.note.trim() && form.note.trim() !== (before.note ?? '')) change.note = form.note.trim()
  if (form.mode !== before.mode) change.mode = form.mode
  return change
}
