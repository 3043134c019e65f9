// What the pickers offer: regions and records found by name on the server, each as an option a
// person reads (its name, and where it is: 安溪县 · 龙门镇 · 福亭村), whose value is the record's id.
import { api } from './api/endpoints'
import type { RegionLevel, RegionMatch, ReportSubject } from './api/types'

type Translate = (key: string, values?: Record<string, unknown>) => string

/** One choice of a picker: the id it stands for, its name, and a line that tells it apart. */
export interface PickOption {
  value: string
  label: string
  detail?: string
}

/** How the path of a region or record reads: "安溪县 · 龙门镇 · 福亭村". */
export function pathText(path: readonly string[] | null | undefined): string {
  return (path ?? []).join(' · ')
}

export function regionOption(r: RegionMatch): PickOption {
  // a county's path is itself; a township's or village's path tells same-named places apart
  return { value: r.id, label: r.name, detail: r.path.length > 1 ? pathText(r.path) : undefined }
}

/** The search of a region picker: regions of `levels` (inside `within`) named like the words. */
export function regionSearch(levels: RegionLevel[], within?: string | null) {
  return async (q: string): Promise<PickOption[]> => (await api.regionSearch(q, levels, within)).items.map(regionOption)
}

/** A need's priority (1–5) in words and a mark: "★★★★ 紧急", never a bare number. */
export function priorityText(priority: number | null | undefined, t: Translate): string {
  if (priority === null || priority === undefined) return ''
  const p = Math.min(5, Math.max(1, Math.round(priority)))
  return `${'★'.repeat(p)}${'☆'.repeat(5 - p)} ${t(`priority.${p}`)}`
}

/** A report subject as a choice: its name, then where it is and what tells it apart. */
export function subjectOption(
  s: ReportSubject,
  t: Translate,
  fmt: { quantity: (q: number, unit: string) => string; date: (d: string | null | undefined) => string },
): PickOption {
  const parts: string[] = []
  if (s.kind === 'allocation' && s.donorName) parts.push(`${s.donorName} →`)
  if (s.path.length) parts.push(pathText(s.path))
  if (s.kind === 'need' && s.priority) parts.push(priorityText(s.priority, t))
  if (s.kind === 'allocation' && s.quantity !== null && s.unit) parts.push(fmt.quantity(s.quantity, s.unit))
  if (s.kind === 'allocation' && s.at) parts.push(t('picker.verifiedOn', { date: fmt.date(s.at) }))
  if (s.kind === 'donor' && s.donorType) parts.push(t(`donorType.${s.donorType}`))
  return { value: s.id, label: s.label, detail: parts.join(' ') || undefined }
}
