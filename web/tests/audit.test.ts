import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { changesOf, sumByUnit, valueText } from '../src/audit'
import { makeI18n } from '../src/i18n'
import { formatAmounts, formatNumber } from '../src/format'
import AuditDesk from '../src/views/auditor/AuditDesk.vue'
import { jsonResponse, setup, signInAs } from './helpers'

beforeEach(() => localStorage.clear())
afterEach(() => vi.unstubAllGlobals())

describe('what an audit entry changed', () => {
  it('lists only the fields that moved, and marks those that are new', () => {
    expect(
      changesOf({ status: 'delivered', quantity: 5 }, { status: 'received', quantity: 5, note: '已发放' }),
    ).toEqual([
      { field: 'status', before: 'delivered', after: 'received', added: false },
      { field: 'note', before: undefined, after: '已发放', added: true },
    ])
  })

  it('treats a creation as every field new, and nothing on either side as no change', () => {
    expect(changesOf(null, { title: '助学金' })).toEqual([
      { field: 'title', before: undefined, after: '助学金', added: true },
    ])
    expect(changesOf(null, null)).toEqual([])
    // a publication records {"status", "reason": null}: the empty reason is no change
    expect(changesOf({ status: 'submitted' }, { status: 'published', reason: null }).map((c) => c.field)).toEqual([
      'status',
    ])
  })

  it('reads values in words: statuses by entity, categories, money by unit, yes/no, nothing as a dash', () => {
    const { t, te } = makeI18n('zh-CN').global
    const fmt = {
      number: (n: number) => formatNumber(n, 'zh-CN'),
      amounts: (a: Record<string, number>) => formatAmounts(a, 'zh-CN', t),
    }
    const show = (entity: string, field: string, v: unknown) => valueText(entity, field, v, t, te, fmt)
    expect(show('allocation', 'status', 'received')).toBe('已签收')
    expect(show('need', 'status', 'published')).toBe(t('needStatus.published'))
    expect(show('pledge', 'status', 'exhausted')).toBe('已用完')
    expect(show('need', 'category', 'education')).toBe('教育')
    expect(show('pledge', 'categories', ['education', 'health'])).toBe('教育、健康')
    expect(show('match_round', 'amountProposed', { CNY: 50000, job: 2 })).toBe('¥50,000 · 2 个岗位')
    expect(show('need', 'quantity', 1234567)).toBe('1,234,567')
    expect(show('donor', 'verified', true)).toBe('是')
    expect(show('need', 'deadline', null)).toBe('—')
    // a code the catalogue does not know is shown as it is, never as a key
    expect(show('allocation', 'status', 'mystery')).toBe('mystery')
  })

  it('adds up a page of allocations by unit', () => {
    expect(
      sumByUnit([
        { unit: 'CNY', quantity: 5000 },
        { unit: 'job', quantity: 2 },
        { unit: 'CNY', quantity: 300 },
      ]),
    ).toEqual({ CNY: 5300, job: 2 })
  })
})

describe("the auditor's workspace", () => {
  const entry = {
    id: 42,
    at: '2026-10-17T02:00:00Z',
    actor: 't-reviewer',
    role: 'reviewer',
    entity: 'allocation',
    entityId: '7',
    action: 'verify',
    before: { status: 'received' },
    after: { status: 'verified', note: null, attachments: 0 },
    hash: 'x',
  }
  const allocation = {
    id: 7,
    needId: 3,
    needTitle: '洋坑村小学助学金',
    villageId: 'V',
    villageName: '洋坑村',
    pledgeId: 1,
    donorId: 2,
    donorName: '测试实业有限公司',
    unit: 'CNY',
    quantity: 5000,
    reasons: [],
    source: 'claim',
    roundId: null,
    status: 'verified',
  }

  function api(verify: unknown) {
    return vi.fn(async (url: string) => {
      if (url.startsWith('/api/v1/audit/verify')) return jsonResponse(200, verify)
      if (url.startsWith('/api/v1/audit')) return jsonResponse(200, { items: [entry], total: 1, page: 1, size: 20 })
      if (url.startsWith('/api/v1/allocations'))
        return jsonResponse(200, { items: [allocation], total: 1, page: 1, size: 20 })
      // the sums over every allocation the filters match (here 31, more than the page shows)
      if (url.startsWith('/api/v1/progress/allocation-totals')) {
        return jsonResponse(200, {
          count: 31,
          amounts: { CNY: 905000 },
          byStatus: { verified: { count: 31, amounts: { CNY: 905000 } } },
        })
      }
      if (url.startsWith('/api/v1/donors')) return jsonResponse(200, { items: [], total: 0, page: 1, size: 100 })
      if (url.startsWith('/api/v1/regions'))
        return jsonResponse(200, { id: '3505', name: '泉州市', level: 'city', children: [] })
      return jsonResponse(404, { error: 'not_found', message: url })
    })
  }

  it('is where an auditor lands after signing in', async () => {
    signInAs('auditor')
    const { router } = setup()
    await router.push('/')
    expect(router.currentRoute.value.path).toBe('/audit')
    signInAs('donor')
    const other = setup()
    await other.router.push('/audit')
    expect(other.router.currentRoute.value.path).toBe('/donor')
  })

  it('says the chain is intact and shows an entry’s before and after in words', async () => {
    signInAs('auditor')
    const fetchMock = api({ intact: true, checked: 1234, firstBrokenId: null })
    vi.stubGlobal('fetch', fetchMock)
    const { plugins, router } = setup('zh-CN')
    await router.push('/audit')
    const w = mount(AuditDesk, { global: { plugins } })
    await flushPromises()
    expect(w.find('[data-test=chain-status]').text()).toContain('审计记录完整：已核对 1,234 条')
    const row = w.find('[data-test=audit-row]').text()
    expect(row).toContain('对接 #7 · 核实')
    expect(row).toContain('t-reviewer · 扶贫办审核')
    expect(row).toContain('已签收')
    expect(row).toContain('已核实')
    expect(row).not.toContain('received')
    const funds = w.find('[data-test=fund-row]').text()
    expect(funds).toContain('¥5,000')
    expect(funds).toContain('测试实业有限公司 → 洋坑村')
    // the total is over everything the filters match, not the page
    expect(w.find('[data-test=funds-sum]').text()).toContain('31 笔，合计 ¥905,000')
    expect(w.find('[data-test=funds-status-total]').text()).toContain('已核实')
  })

  it('names the first broken entry when the chain does not hold', async () => {
    signInAs('auditor')
    vi.stubGlobal('fetch', api({ intact: false, checked: 50, firstBrokenId: 17 }))
    const { plugins } = setup('en')
    const w = mount(AuditDesk, { global: { plugins } })
    await flushPromises()
    expect(w.find('[data-test=chain-status]').text()).toContain('breaks at entry #17')
  })

  it('sends the filters an auditor chose to the API', async () => {
    signInAs('auditor')
    const fetchMock = api({ intact: true, checked: 1, firstBrokenId: null })
    vi.stubGlobal('fetch', fetchMock)
    const { plugins } = setup('zh-CN')
    const w = mount(AuditDesk, { global: { plugins } })
    await flushPromises()
    await w.find('input[data-test=audit-entity-id]').setValue('7')
    await w.find('[data-test=audit-search]').trigger('submit')
    await flushPromises()
    expect(
      fetchMock.mock.calls.some(([u]) => String(u).includes('/api/v1/audit?') && String(u).includes('entityId=7')),
    ).toBe(true)
  })
})
