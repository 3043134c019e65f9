// A reason code of the API ("hometown-village", "hometown:350524", "priority-category") as the
// catalogue key of its words for a reader: the donor's wording or the neutral one.
type Exists = (key: string) => boolean

export function reasonKey(reason: string, reader: 'donor' | 'neutral', te: Exists): string {
  // a reason may carry detail after a colon, e.g. "hometown:350524"
  const code = reason.split(':')[0]
  const key = `reasonFor.${reader}.${code}`
  return te(key) ? key : `reasonFor.${reader}.other`
}

/** The reasons of a proposal, never empty: no tie means it was matched on priority and category. */
export function reasonsOrDefault(reasons: string[] | null | undefined): string[] {
  return reasons && reasons.length ? reasons : ['priority-category']
}

/**
 * The reasons to show for an allocation: a donor's own claim says so first (its ties after it) and
 * never borrows a round's reason; a round's proposal without a tie reads "priority and category"
 * when `fallback` asks for it.
 */
export function shownReasons(
  reasons: string[] | null | undefined,
  source: string | null | undefined,
  fallback = false,
): string[] {
  const list = reasons ?? []
  if (source === 'claim') return ['claim', ...list.filter((r) => r !== 'priority-category')]
  return list.length ? list : fallback ? ['priority-category'] : []
}
