import { describe, expect, it } from 'vitest'
import { median, reviewHints } from '../src/review'
import type { Household, Need } from '../src/api/types'

function need(over: Partial<Need>): Need {
  return {
    id: 1,
    villageId: 'V1',
    villageName: '村',
    countyId: 'C',
    countyName: '县',
    townshipId: 'T',
    townshipName: '镇',
    householdId: null,
    householdLevel: false,
    category: 'education',
    unit: 'CNY',
    quantity: 5000,
    allocated: 0,
    remaining: 5000,
    priority: 2,
    deadline: null,
    title: '助学金',
    description: '两个孩子上学',
    status: 'submitted',
    rejectReason: null,
    createdAt: '',
    updatedAt: '',
    ...over,
  }
}

describe('review hints', () => {
  it('flags an amount far above the median of similar needs', () => {
    const peers = [
      need({ id: 2, quantity: 4000 }),
      need({ id: 3, quantity: 5000 }),
      need({ id: 4, quantity: 6000, villageId: 'V2' }),
    ]
    const hints = reviewHints(need({ quantity: 50000 }), peers, null)
    expect(hints).toContainEqual({ kind: 'unusual', times: 10 })
    expect(hints).toContainEqual({ kind: 'similar', count: 2 })
  })

  it('finds luxury words in Chinese and in English', () => {
    expect(reviewHints(need({ title: '给村主任买轿车' }), [], null)).toContainEqual({ kind: 'luxury', word: '轿车' })
    expect(reviewHints(need({ description: 'A new car for the office' }), [], null)).toContainEqual({
      kind: 'luxury',
      word: 'car',
    })
    expect(reviewHints(need({ description: 'Care for the elderly' }), [], null)).toEqual([])
  })

  it('shows the household status when the need is for a household', () => {
    const hh = { id: 9, status: 'returned' } as Household
    expect(reviewHints(need({ householdId: 9 }), [], hh)).toEqual([{ kind: 'household', status: 'returned' }])
  })

  it('computes a median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 2, 3])).toBe(2.5)
    expect(median([])).toBeNull()
  })
})
