import type { Amounts } from './api/types'

export interface GroupTotal {
  key: string
  amounts: Amounts
}

/** Sums quantities by unit for each group, largest money first. */
export function groupTotals<T extends { unit: string; quantity: number }>(
  rows: T[],
  keyOf: (row: T) => string,
): GroupTotal[] {
  const groups = new Map<string, Amounts>()
  for (const row of rows) {
    const key = keyOf(row)
    const amounts = groups.get(key) ?? {}
    amounts[row.unit] = (amounts[row.unit] ?? 0) + row.quantity
    groups.set(key, amounts)
  }
  return [...groups.entries()]
    .map(([key, amounts]) => ({ key, amounts }))
    .sort((a, b) => (b.amounts.CNY ?? 0) - (a.amounts.CNY ?? 0) || a.key.localeCompare(b.key))
}
