// The pledge dialog's form turned into what POST /pledges takes, or the fields to fix (catalogue
// keys). Goods are named freely (棉被) and sent as the unit "item:棉被".
import type { Category, PledgeInput } from './api/types'

export interface PledgeForm {
  campaignId: number
  kind: 'CNY' | 'job' | 'training-place' | 'item'
  goods: string
  quantity: number | ''
  categories: Category[]
  scope: string[]
  expires: string
  maxPerNeed: number | ''
  mode: 'pooled' | 'earmarked'
  note: string
}

const whole = (v: number | '') => v !== '' && Number.isInteger(Number(v)) && Number(v) >= 1

export function pledgeInput(
  form: PledgeForm,
  donorId?: number,
): { input: PledgeInput } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  if (!whole(form.quantity)) errors.quantity = 'errors.positive'
  if (form.maxPerNeed !== '' && !whole(form.maxPerNeed)) errors.maxPerNeed = 'errors.positive'
  const goods = form.goods.trim()
  if (form.kind === 'item' && !goods) errors.goods = 'errors.required'
  if (Object.keys(errors).length) return { errors }
  return {
    input: {
      donorId,
      campaignId: form.campaignId || null,
      unit: form.kind === 'item' ? `item:${goods}` : form.kind,
      quantity: Number(form.quantity),
      categories: form.categories,
      scope: form.scope,
      maxPerNeed: form.maxPerNeed === '' ? undefined : Number(form.maxPerNeed),
      expires: form.expires || undefined,
      mode: form.mode,
      note: form.note.trim() || null,
    },
  }
}
