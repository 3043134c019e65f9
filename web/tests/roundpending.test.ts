import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { configureClient } from '../src/api/client'
import { useAuthStore } from '../src/stores/auth'
import DashboardView from '../src/views/unitedfront/DashboardView.vue'
import { jsonResponse, setup, signInAs } from './helpers'

beforeEach(() => localStorage.clear())
afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
  document.body.innerHTML = ''
})

describe('a match round that outlasts the request', () => {
  it('says it is running, then shows the result when the round is done', async () => {
    signInAs('united_front')
    const { plugins } = setup('zh-CN')
    const auth = useAuthStore()
    configureClient(
      () => auth.token,
      () => {},
    )
    let polls = 0
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input)
        if (url.includes('/match-rounds') && init?.method === 'POST')
          return jsonResponse(202, { id: 7, status: 'running', allocationCount: 0 })
        if (url.includes('/match-rounds/7')) {
          polls++
          return jsonResponse(
            200,
            polls < 2
              ? { id: 7, status: 'running', allocationCount: 0 }
              : { id: 7, status: 'done', allocationCount: 316342, amountProposed: { CNY: 1200 }, allocations: [] },
          )
        }
        if (url.includes('/campaigns')) return jsonResponse(200, { items: [], total: 0, page: 1, size: 20 })
        if (url.includes('/oversight/counts')) return jsonResponse(200, { counties: [] })
        return jsonResponse(200, { items: [], total: 0, openNeeds: 0 })
      }),
    )
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const wrapper = mount(DashboardView, { global: { plugins }, attachTo: document.body })
    await flushPromises()
    await wrapper.find('[data-test="start-round"]').trigger('click')
    await flushPromises()
    // a round is confirmed first: the dialog says what will happen
    expect(document.querySelector('[data-test="confirm-step-effect"]')?.textContent).toContain('不能中止')
    ;(document.querySelector('[data-test="confirm-step-ok"]') as HTMLElement).click()
    await flushPromises()
    expect(wrapper.find('[data-test="round-pending"]').text()).toContain('匹配正在进行')
    await vi.advanceTimersByTimeAsync(5000)
    await flushPromises()
    expect(wrapper.find('[data-test="round-pending"]').exists()).toBe(true)
    await vi.advanceTimersByTimeAsync(5000)
    await flushPromises()
    expect(wrapper.find('[data-test="round-pending"]').exists()).toBe(false)
    expect(document.body.textContent).toContain('316342')
    // a national round's page lists its first proposals and says so
    expect(document.body.textContent).toContain('下表列出前 0 笔')
    wrapper.unmount()
  }, 30_000)
})
