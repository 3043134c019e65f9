// The need form's own checks (the API checks again and its field errors win).
import type { Category, NeedInput } from './api/types'

type Translate = (key: string) => string

export interface NeedForm {
  householdId: number | null
  category: Category | ''
  unitKind: 'CNY' | 'job' | 'training-place' | 'item'
  itemWhat: string
  quantity: number | null | ''
  priority: number
  deadline: string | null
  title: string
  description: string
}

export function unitParts(unit: string): { unitKind: NeedForm['unitKind']; itemWhat: string } {
  if (unit.startsWith('item:')) return { unitKind: 'item', itemWhat: unit.slice(5) }
  if (unit === 'job' || unit === 'training-place') return { unitKind: unit, itemWhat: '' }
  return { unitKind: 'CNY', itemWhat: '' }
}

export function unitOf(form: NeedForm): string {
  return form.unitKind === 'item' ? `item:${form.itemWhat.trim()}` : form.unitKind
}

export function needFormErrors(form: NeedForm, t: Translate): Record<string, string> {
  const errors: Record<string, string> = {}
  if (!form.title.trim()) errors.title = t('errors.required')
  if (!form.category) errors.category = t('errors.required')
  if (!form.description.trim()) errors.description = t('errors.required')
  if (form.unitKind === 'item' && !form.itemWhat.trim()) errors.itemWhat = t('errors.required')
  const q = form.quantity
  if (q === null || q === '' || !Number.isInteger(Number(q)) || Number(q) < 1) errors.quantity = t('errors.positive')
  return errors
}

export function toNeedInput(form: NeedForm, villageId: string): NeedInput {
  return {
    villageId,
    householdId: form.householdId || null,
    // needFormErrors has refused an empty category before this is called
    category: form.category as Category,
    unit: unitOf(form),
    quantity: Number(form.quantity),
    priority: form.priority,
    deadline: form.deadline || null,
    title: form.title.trim(),
    description: form.description.trim(),
  }
}
