// What a reviewer should look at before publishing a need: the household's status, similar
// needs of the same village, an amount far above what similar needs ask, and words that
// suggest a luxury rather than a necessity (两不愁三保障 is the standard, not comfort).
import type { Household, Need } from './api/types'

export type Hint =
  | { kind: 'household'; status: string }
  | { kind: 'similar'; count: number }
  | { kind: 'unusual'; times: number }
  | { kind: 'luxury'; word: string }

export const LUXURY_WORDS = [
  '轿车',
  '汽车',
  '豪华',
  '奢侈',
  '名牌',
  '名表',
  '手表',
  '苹果手机',
  'iphone',
  '茅台',
  '红酒',
  '洋酒',
  '高尔夫',
  '别墅',
  '钻石',
  '金饰',
  '黄金',
  '游艇',
  '麻将',
  '烟酒',
  '香烟',
  '按摩椅',
  'luxury',
  'car',
  'watch',
  'wine',
  'jewel',
  'golf',
  'villa',
  'diamond',
]

/** How many times the median of the same category and unit makes an amount unusual. */
export const UNUSUAL_FACTOR = 3

export function median(values: number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

function luxuryWord(need: Need): string | null {
  const text = `${need.title} ${need.description} ${need.unit}`.toLowerCase()
  for (const word of LUXURY_WORDS) {
    const ascii = /^[a-z]+$/.test(word)
    const found = ascii ? new RegExp(`\\b${word}s?\\b`).test(text) : text.includes(word)
    if (found) return word
  }
  return null
}

export function reviewHints(need: Need, others: Need[], household: Household | null): Hint[] {
  const hints: Hint[] = []
  if (household) hints.push({ kind: 'household', status: household.status })
  const peers = others.filter((o) => o.id !== need.id && o.category === need.category)
  const similar = peers.filter((o) => o.villageId === need.villageId && o.status !== 'withdrawn').length
  if (similar > 0) hints.push({ kind: 'similar', count: similar })
  const m = median(peers.filter((o) => o.unit === need.unit).map((o) => o.quantity))
  if (m !== null && m > 0 && need.quantity >= UNUSUAL_FACTOR * m) {
    hints.push({ kind: 'unusual', times: Math.round((need.quantity / m) * 10) / 10 })
  }
  const word = luxuryWord(need)
  if (word) hints.push({ kind: 'luxury', word })
  return hints
}
