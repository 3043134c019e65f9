import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import PublicBoard from '../src/views/public/PublicBoard.vue'
import { jsonResponse, setup } from './helpers'

const entry = (villageName: string, donorName: string) => ({
  villageName, countyName: '安溪县', donorName, category: 'education', unit: 'CNY', quantity: 5000, verifiedAt: '2026-11-20T08:00:00Z',
})

/** A server whose event stream stays open and sends what the test pushes into it. */
function server() {
  let push: (text: string) => void = () => {}
  let boardReads = 0
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
    if (url.startsWith('/api/v1/public/board')) {
      boardReads++
      const items = boardReads === 1 ? [entry('洋坑村', '泉州实业')] : [entry('洋坑村', '泉州实业'), entry('福田村', '晋江鞋业')]
      return jsonResponse(200, { items, total: items.length, page: 1, size: 100 })
    }
    return jsonResponse(404, { error: 'not_found', message: url })
  })
  return { fetchMock, send: (change: object) => push(`event: change\ndata: ${JSON.stringify(change)}\n\n`), boardReads: () => boardReads }
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
})
