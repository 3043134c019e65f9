import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { configureClient } from '../src/api/client'
import type { MatchRound } from '../src/api/types'
import { useAuthStore } from '../src/stores/auth'
import { makeI18n } from '../src/i18n'
import { UNMATCHED_REASONS, fairnessState, floorList, unmatchedReasonKey } from '../src/rounds'
import RoundResult from '../src/views/unitedfront/RoundResult.vue'
import { jsonResponse, setup, signInAs } from './helpers'

beforeEach(() => localStorage.clear())
afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

const fairRound: MatchRound = {
  id: 3,
  campaignId: null,
  date: '2026-12-06',
  status: 'done',
  objective: 4_300_000,
  allocationCount: 3,
  amountProposed: { 'item:大米': 7000 },
  needsTouched: 2,
  pledgesTouched: 2,
  startedBy: 'tzb',
  startedAt: '2026-12-06T08:00:00Z',
  finishedAt: '2026-12-06T08:00:01Z',
  error: null,
  fairness: {
    applied: true,
    objective: 4_300_000,
    fairnessTerm: 1_500_000,
    objectiveWithoutFairness: 4_500_000,
    cost: 200_000,
    villagesChanged: 2,
    villages: [
      {
        villageId: 'V2',
        villageName: '福亭村',
        unit: 'CNY',
        demand: 10_000,
        allocated: 2_000,
        allocatedWithoutFairness: 0,
      },
      {
        villageId: 'V1',
        villageName: '龙门村',
        unit: 'CNY',
        demand: 10_000,
        allocated: 5_000,
        allocatedWithoutFairness: 7_000,
      },
    ],
  },
  floors: { CNY: 1000 },
  unmatchedCount: 2,
  rows: [
    {
      needId: 11,
      needTitle: '茶园灌溉',
      villageId: 'V1',
      villageName: '龙门村',
      donorId: 2,
      donorName: '测试侨亲',
      unit: 'CNY',
      quantity: 5_000,
      pledgeIds: [21, 22],
      allocationIds: [31, 32],
      reasons: [],
      statuses: ['proposed'],
    },
  ],
  allocations: [],
}

describe('what a round says about fairness', () => {
  it('is off, on without change, or applied with its cost as a share of the best score', () => {
    expect(fairnessState(undefined)).toEqual({ state: 'off' })
    expect(fairnessState({ applied: false })).toEqual({ state: 'off' })
    expect(fairnessState({ applied: true, cost: 0, villagesChanged: 0 })).toEqual({ state: 'noChange' })
    const applied = fairnessState(fairRound.fairness)
    expect(applied.state).toBe('applied')
    if (applied.state !== 'applied') return
    expect(applied.cost).toBe(200_000)
    expect(applied.percent).toBe(4.4)
    // only the villages that got more than without fairness are "helped first"
    expect(applied.helped.map((v) => v.villageName)).toEqual(['福亭村'])
  })

  it('translates every reason code of the engine in both languages, and an unknown code as another reason', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const { t, te } = makeI18n(locale).global
      for (const code of UNMATCHED_REASONS) {
        expect(te(unmatchedReasonKey(code)), code).toBe(true)
        expect(t(unmatchedReasonKey(code))).not.toBe(unmatchedReasonKey(code))
      }
    }
    expect(unmatchedReasonKey('something-new')).toBe('roundResult.reason.other')
    expect(floorList({ job: 1, CNY: 1000 })).toEqual([
      { unit: 'CNY', amount: 1000 },
      { unit: 'job', amount: 1 },
    ])
  })
})

describe("a round's page", () => {
  function stubUnmatched() {
    signInAs('united_front')
    const calls: string[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const url = String(input)
        calls.push(url)
        return jsonResponse(200, {
          items: [
            {
              needId: 12,
              needTitle: '卫生室药品',
              villageId: 'V1',
              villageName: '龙门村',
              unit: 'CNY',
              allocated: 0,
              remaining: 5_000,
              reason: 'below-floor',
            },
          ],
          total: 2,
          page: 1,
          size: 20,
        })
      }),
    )
    return calls
  }

  it('says villages not yet helped came first and what it cost, the floor, one row per donor, and why needs were left short', async () => {
    const calls = stubUnmatched()
    const { plugins } = setup('zh-CN')
    const auth = useAuthStore()
    configureClient(
      () => auth.token,
      () => {},
    )
    const wrapper = mount(RoundResult, { props: { round: fairRound }, global: { plugins } })
    await flushPromises()
    const fairness = wrapper.find('[data-test="round-fairness"]').text()
    expect(fairness).toContain('优先照顾尚未获得帮扶的村')
    expect(fairness).toContain('少 200,000 分（4.4%）')
    expect(fairness).toContain('福亭村')
    expect(wrapper.find('[data-test="round-floors"]').text()).toContain('¥1,000')
    expect(wrapper.find('[data-test="round-rows"]').text()).toContain('#21 #22')
    expect(calls.some((u) => u.includes('/match-rounds/3/unmatched'))).toBe(true)
    expect(wrapper.find('[data-test="unmatched-reason"]').text()).toBe('剩余认捐不足起配额')
    // the list says it holds 1 of 2 and offers more
    expect(wrapper.find('[data-test="load-more"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('in English, and a round without fairness says so and asks for no list when nothing was left short', async () => {
    const calls = stubUnmatched()
    const { plugins } = setup('en')
    const plain: MatchRound = { ...fairRound, fairness: { applied: false }, floors: {}, unmatchedCount: 0 }
    const wrapper = mount(RoundResult, { props: { round: plain }, global: { plugins } })
    await flushPromises()
    expect(wrapper.find('[data-test="round-fairness-off"]').text()).toContain(
      'Villages not yet helped did not come first',
    )
    expect(wrapper.find('[data-test="round-floors"]').text()).toContain('No floor')
    expect(wrapper.find('[data-test="round-unmatched"]').text()).toContain('Every need in this round was matched')
    expect(calls).toEqual([])
    const applied = mount(RoundResult, { props: { round: fairRound }, global: { plugins } })
    await flushPromises()
    expect(applied.find('[data-test="round-fairness-applied"]').text()).toContain(
      'Villages not yet helped came first in this round',
    )
    expect(applied.find('[data-test="unmatched-reason"]').text()).toBe('What is left is below the floor')
    wrapper.unmount()
    applied.unmount()
  })
})
