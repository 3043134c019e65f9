// The donor's desk, the parts that are plain logic: a hometown's needs first, the words of a
// pledge's machine note, where a village lies.
import type { Need, Region } from './api/types'

type Translate = (key: string, values?: Record<string, unknown>) => string

const AFFINITY = [
  'hometown-village',
  'paired-village',
  'hometown-township',
  'hometown-county',
  'paired-county',
  'same-county',
]

/** 0 for the strongest tie (the donor's own hometown village), larger for weaker ones, 99 for none. */
export function affinityRank(reasons: string[] | null | undefined): number {
  const ranks = (reasons ?? []).map((r) => AFFINITY.indexOf(r.split(':')[0])).filter((i) => i >= 0)
  return ranks.length ? Math.min(...ranks) : 99
}

/** Needs with the closest ties first (hometown village, paired village, hometown township...), otherwise as given. */
export function closestFirst<T extends Pick<Need, 'reasons'>>(needs: T[]): T[] {
  return needs
    .map((n, i) => ({ n, i, r: affinityRank(n.reasons) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.n)
}

/** A pledge's note in words: the API writes "claim of need 431" on the pledge a claim creates. */
export function pledgeNoteText(note: string | null | undefined, t: Translate): string {
  if (!note) return ''
  const m = /^claim of need (\d+)$/.exec(note.trim())
  return m ? t('ws.claimNote', { id: m[1] }) : note
}

/** The county a village lies in (its code's first part), by name from the region tree. */
export function countyName(villageId: string, root: Region | null | undefined): string | null {
  const id = villageId.split('-')[0]
  return root?.children?.find((c) => c.id === id)?.name ?? null
}
