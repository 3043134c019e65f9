// Steps that publish or pay are confirmed first: the dialog says what will happen and names the
// amount, village and donor; nothing is sent before the reviewer agrees, and a receipt without a
// file is verified only with an exception and its reason.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ReviewDesk from '../src/views/reviewer/ReviewDesk.vue'
import { jsonResponse, setup, signInAs } from './helpers'

const receipt = (evidence: object[]) => ({
  id: 7,
  needId: 3,
  needTitle: '两个孩子的学费',
  villageId: '350524-T01-V01',
  villageName: '洋坑村',
  category: 'education',
  pledgeId: 2,
  donorId: 1,
  donorName: '测试实业有限公司',
  unit: 'CNY',
  quantity: 5000,
  reasons: [],
  source: 'claim',
  roundId: null,
  status: 'received',
  createdAt: '2018-10-01T00:00:00Z',
  updatedAt: '2018-10-02T00:00:00Z',
  returnedReason: null,
  revocableUntil: null,
  evidence,
  history: [],
  exception: null,
})

function serve(evidence: object[]) {
  const posts: { url: string; body: unknown }[] = []
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input)
    if (init?.method === 'POST') {
      posts.push({ url, body: JSON.parse(String(init.body ?? '{}')) })
      return jsonResponse(200, { ...receipt(evidence), status: 'verified' })
    }
    if (url.includes('/allocations/7')) return jsonResponse(200, receipt(evidence))
    if (url.includes('/allocations?') && url.includes('status=received'))
      return jsonResponse(200, { items: [receipt(evidence)], total: 1, page: 1, size: 20 })
    if (url.includes('/regions')) return jsonResponse(200, { id: '350524', name: '安溪县', children: [] })
    return jsonResponse(200, { items: [], total: 0, page: 1, size: 20 })
  })
  vi.stubGlobal('fetch', fetchMock)
  vi.stubGlobal(
    'EventSource',
    class {
      close() {}
      addEventListener() {}
    },
  )
  return posts
}

const inBody = (test: string) => document.querySelector(`[data-test="${test}"]`) as HTMLElement | null

async function openVerify() {
  signInAs('reviewer', { regionId: '350524' })
  const { plugins } = setup('zh-CN')
  const w = mount(ReviewDesk, { global: { plugins }, attachTo: document.body })
  await flushPromises()
  await w.find('[data-test="tab-receipts"]').trigger('click')
  await flushPromises()
  await w.find('[data-test="verify"]').trigger('click')
  await flushPromises()
  return w
}

describe('a step that publishes is confirmed first', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  it('says the verification goes on the public board, names amount, village and donor, and sends nothing on cancel', async () => {
    const posts = serve([
      { n: 1, stage: 'received', note: null, name: 'r.jpg', contentType: 'image/jpeg', size: 9, at: '' },
    ])
    const w = await openVerify()
    expect(inBody('confirm-step-effect')?.textContent).toContain('公示栏公开')
    const facts = inBody('confirm-step-facts')?.textContent ?? ''
    expect(facts).toContain('洋坑村')
    expect(facts).toContain('测试实业有限公司')
    expect(facts).toContain('5,000')
    expect(inBody('confirm-step-choice')).toBeNull()
    inBody('confirm-step-cancel')!.click()
    await flushPromises()
    expect(posts).toHaveLength(0)
    w.unmount()
  })

  it('verifies a receipt without a file only with an exception and its reason', async () => {
    const posts = serve([{ n: 1, stage: 'received', note: '收到', name: null, contentType: null, size: null, at: '' }])
    const w = await openVerify()
    expect(inBody('confirm-step-effect')?.textContent).toContain('没有上传凭证文件')
    inBody('confirm-step-ok')!.click()
    await flushPromises()
    expect(inBody('confirm-step-error')?.textContent).toContain('请先选择')
    expect(posts).toHaveLength(0)
    ;(document.querySelector('[data-value="handed_over_in_person"] input') as HTMLInputElement).click()
    const field = inBody('confirm-step-input')!
    const reason = (field.tagName === 'TEXTAREA' ? field : field.querySelector('textarea')) as HTMLTextAreaElement
    reason.value = '村委会当面交付，村民代表见证'
    reason.dispatchEvent(new Event('input'))
    await flushPromises()
    inBody('confirm-step-ok')!.click()
    await flushPromises()
    expect(posts).toEqual([
      {
        url: '/api/v1/allocations/7/verify',
        body: { exception: { kind: 'handed_over_in_person', reason: '村委会当面交付，村民代表见证' } },
      },
    ])
    w.unmount()
  })
})
