// Small helpers of the open-books screens.

/** A share as a percentage with one decimal ("93.4%"), a dash for none. */
export function percent(share: number | null | undefined): string {
  if (share == null || Number.isNaN(share)) return '—'
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`
}

/** The year before this one, the default of a yearly statement. */
export function lastYear(now = new Date()): number {
  return now.getFullYear() - 1
}

/** A page of the feed as a JSON file a person keeps, laid out to be read. */
export function jsonBlob(value: unknown): Blob {
  return new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' })
}
