import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import PublicBoard from '../src/views/public/PublicBoard.vue'
import ReviewDesk from '../src/views/reviewer/ReviewDesk.vue'
import { jsonResponse, setup, signInAs } from './helpers'

const entry = (villageName: string, donorName: string) => ({
  villageName,
  countyName: '安溪县',
  donorName,
  category: 'education',
  unit: 'CNY',
  quantity: 5000,
  verifiedAt: '2026-11-20T08:00:00Z',
})

/** A server whose event stream stays open and sends what the test pushes into it. */
function server(answer: (url: string) => Response = boardAnswer()) {
  let push: (text: string) => void = () => {}
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input)
    if (url.startsWith('/api/v1/events')) {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          push = (text) => controller.enqueue(new TextEncoder().encode(text))
          init?.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')))
        },
      })
      return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } })
    }
    return answer(url)
  })
  const reads = (prefix: string) => fetchMock.mock.calls.filter(([u]) => String(u).startsWith(prefix)).length
  return {
    fetchMock,
    reads,
    boardReads: () => reads('/api/v1/public/board?'),
    send: (change: object) => push(`event: change\ndata: ${JSON.stringify(change)}\n\n`),
  }
}

const TOTALS = {
  amounts: { CNY: 1000 },
  count: 1,
  byCampaign: [],
  byCounty: [],
  byYear: [],
  traceability: { amount: 1000, unbrokenAmount: 1000, share: 1, flows: [] },
  sampling: { checked: 0, received: 0, problems: 0, notReceived: 0, receivedRate: null, achievedMargin: null },
}

/** The board: one entry at first, a second once it has been verified. */
function boardAnswer() {
  let n = 0
  return (url: string) => {
    if (url.startsWith('/api/v1/public/board/totals')) return jsonResponse(200, TOTALS)
    if (!url.startsWith('/api/v1/public/board')) return jsonResponse(404, { error: 'not_found', message: url })
    const items = ++n === 1 ? [entry('洋坑村', '泉州实业')] : [entry('洋坑村', '泉州实业'), entry('福田村', '晋江鞋业')]
    return jsonResponse(200, { items, total: items.length, page: 1, size: 100 })
  }
}

describe('a live screen', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('the public board reads its list again when a verification is announced, keeping the filter typed in', async () => {
    const s = server()
    vi.stubGlobal('fetch', s.fetchMock)
    const { plugins } = setup('zh-CN')
    const w = mount(PublicBoard, { global: { plugins } })
    await flushPromises()
    expect(s.boardReads()).toBe(1)
    expect(w.find('[data-test=board-by-donor]').text()).not.toContain('晋江鞋业')
    await w.find('input[data-test=board-donor-filter]').setValue('鞋业')

    s.send({ type: 'allocation.verified', id: '9', status: 'verified', villageId: '350524' })
    await vi.waitFor(() => expect(s.boardReads()).toBe(2))
    await flushPromises()
    expect(w.find('[data-test=board-by-donor]').text()).toContain('晋江鞋业')
    expect(w.find('[data-test=board-by-donor]').text()).not.toContain('泉州实业')
    expect((w.find('input[data-test=board-donor-filter]').element as HTMLInputElement).value).toBe('鞋业')
    w.unmount()
  })

  it('does not read it again for a change it does not show', async () => {
    const s = server()
    vi.stubGlobal('fetch', s.fetchMock)
    const { plugins } = setup('zh-CN')
    const w = mount(PublicBoard, { global: { plugins } })
    await flushPromises()
    s.send({ type: 'allocation.proposed', id: '10', status: 'proposed', villageId: '350524' })
    s.send({ type: 'need.published', id: '11', status: 'published', villageId: '350524' })
    await new Promise((r) => setTimeout(r, 50))
    await flushPromises()
    expect(s.boardReads()).toBe(1)
    w.unmount()
  })

  it('the reviewer’s queue is read again with its filter when a need is submitted, the receipts when one is signed', async () => {
    signInAs('reviewer', { regionId: '350524' })
    let submitted = 0
    const s = server((url) => {
      if (url.startsWith('/api/v1/regions'))
        return jsonResponse(200, { id: '350524', name: '安溪县', level: 'county', children: [] })
      if (url.startsWith('/api/v1/needs') && url.includes('status=submitted')) {
        submitted++
        const items =
          submitted === 1
            ? []
            : [
                {
                  id: 21,
                  title: '校服 40 套',
                  status: 'submitted',
                  category: 'education',
                  quantity: 40,
                  unit: 'set',
                  remaining: 40,
                  villageId: '350524-T01-V01',
                  villageName: '洋坑村',
                  description: '',
                },
              ]
        return jsonResponse(200, { items, total: items.length, page: 1, size: 20 })
      }
      if (url.startsWith('/api/v1/needs') || url.startsWith('/api/v1/allocations'))
        return jsonResponse(200, { items: [], total: 0, page: 1, size: 20 })
      return jsonResponse(404, { error: 'not_found', message: url })
    })
    vi.stubGlobal('fetch', s.fetchMock)
    const { plugins } = setup('zh-CN')
    const w = mount(ReviewDesk, { global: { plugins } })
    await flushPromises()
    expect(w.findAll('[data-test=queue-item]')).toHaveLength(0)
    const receiptsBefore = s.reads('/api/v1/allocations?')
    await w.find('input[data-test=review-search]').setValue('校服')
    await new Promise((r) => setTimeout(r, 350)) // the search box's own pause
    await flushPromises()
    const queueBefore = submitted

    s.send({ type: 'need.submitted', id: '21', status: 'submitted', villageId: '350524-T01-V01' })
    await vi.waitFor(() => expect(w.findAll('[data-test=queue-item]')).toHaveLength(1))
    expect(submitted).toBe(queueBefore + 1)
    // the words typed in stay, and the queue was asked with them
    expect((w.find('input[data-test=review-search]').element as HTMLInputElement).value).toBe('校服')
    const lastQueueRead = s.fetchMock.mock.calls
      .map(([u]) => String(u))
      .filter((u) => u.includes('status=submitted'))
      .at(-1)!
    expect(new URL(lastQueueRead, 'http://localhost').searchParams.get('q')).toBe('校服')
    expect(s.reads('/api/v1/allocations?')).toBe(receiptsBefore)

    // past the half-second pause, a receipt signed reloads the receipts (and not the queue)
    await new Promise((r) => setTimeout(r, 550))
    s.send({ type: 'allocation.received', id: '7', status: 'received', villageId: '350524-T01-V01' })
    // the receipts to verify and the verifications still revocable are both read again
    await vi.waitFor(() => expect(s.reads('/api/v1/allocations?')).toBe(receiptsBefore + 2))
    expect(submitted).toBe(queueBefore + 1)
    w.unmount()
  })
})
