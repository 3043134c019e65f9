import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import InboxView from '../src/views/inbox/InboxView.vue'
import InboxLink from '../src/components/InboxLink.vue'
import { jsonResponse, setup, signInAs } from './helpers'

/** An open deadline as the API answers it. */
const deadline = (id: number, kind: string, section: string, extra: Record<string, unknown> = {}) => ({
  key: `deadline:${id}:${section}`,
  id,
  kind,
  subjectType: 'report',
  subjectId: String(100 + id),
  title: `12317-2026-000${id}`,
  place: '350524',
  placeName: '安溪县',
  section,
  startsAt: '2026-11-16T01:00:00Z',
  dueAt: '2026-11-19T01:00:00Z',
  amberAt: '2026-11-18T07:00:00Z',
  rule: { setting: 'BANGFU_REPORT_ACK_WORKING_DAYS', value: 3, unit: 'working_days' },
  escalated: false,
  escalatedAt: null,
  escalatedToYou: false,
  read: false,
  ...extra,
})

/** The server: an inbox whose late section grows by one after the first read; an event stream. */
function server() {
  let push: (text: string) => void = () => {}
  let lateReads = 0
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
    const late = lateReads > 0 ? [deadline(1, 'report_ack', 'late', { escalated: true })] : []
    const counts = { todo: 1, soon: 1, late: late.length, total: 2 + late.length, unread: 2 + late.length }
    if (url.startsWith('/api/v1/notifications/unread')) return jsonResponse(200, counts)
    if (url.startsWith('/api/v1/notifications')) {
      const section = new URL(url, 'http://x').searchParams.get('section')
      if (section === 'late') lateReads++
      const items =
        section === 'late'
          ? late
          : section === 'soon'
            ? [deadline(2, 'report_answer', 'soon')]
            : [deadline(3, 'need_review', 'todo')]
      return jsonResponse(200, { items, total: items.length, page: 1, size: 20, counts, unread: counts.unread })
    }
    return jsonResponse(404, { error: 'not_found', message: url })
  })
  return {
    fetchMock,
    reads: (prefix: string) => fetchMock.mock.calls.filter(([u]) => String(u).startsWith(prefix)).length,
    send: (change: object) => push(`event: change\ndata: ${JSON.stringify(change)}\n\n`),
  }
}

describe('the inbox', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    localStorage.clear()
  })

  it('shows the three sections, each item with its status, due date and rule, in Chinese; a deadline turning late comes in live', async () => {
    signInAs('reviewer', { regionId: '350524' })
    const s = server()
    vi.stubGlobal('fetch', s.fetchMock)
    const { plugins } = setup('zh-CN')
    const w = mount(InboxView, { global: { plugins } })
    await flushPromises()
    const sections = w.findAll('section[data-section]').map((x) => x.attributes('data-section'))
    expect(sections).toEqual(['late', 'soon', 'todo'])
    expect(w.find('[data-section=late]').text()).toContain('没有逾期事项')
    const items = w.findAll('[data-test=notification]')
    expect(items).toHaveLength(2)
    for (const item of items) {
      expect(item.find('[data-test=deadline-status]').text()).not.toBe('')
      expect(item.find('[data-test=deadline-due]').text()).toMatch(/^截止：2026/)
    }
    expect(w.find('[data-kind=report_answer] [data-test=deadline-status]').text()).toBe('即将到期')
    expect(w.find('[data-kind=report_answer]').text()).toContain('举报待答复')
    expect(w.find('[data-kind=report_answer] [data-test=deadline-rule]').text()).toBe('时限 3 个工作日')
    expect(w.find('[data-kind=need_review] [data-test=deadline-status]').text()).toBe('待办')

    s.send({ type: 'deadline.escalated', id: 'report_ack', status: 'escalated', villageId: null })
    await vi.waitFor(() => expect(w.find('[data-section=late] [data-kind=report_ack]').exists()).toBe(true))
    expect(w.find('[data-section=late] [data-test=deadline-status]').text()).toBe('已逾期 · 已上报上级')
    expect(w.find('[data-test=inbox-count-late]').text()).toBe('1')
    w.unmount()
  })

  it('the header badge reads the count again when a deadline changes', async () => {
    signInAs('village_secretary', { villageId: '350524-T01-V01' })
    const s = server()
    vi.stubGlobal('fetch', s.fetchMock)
    const { plugins } = setup('zh-CN')
    const w = mount(InboxLink, { global: { plugins } })
    await flushPromises()
    const before = s.reads('/api/v1/notifications/unread')
    s.send({ type: 'deadline.opened', id: 'delivery_receive', status: 'opened', villageId: '350524-T01-V01' })
    await vi.waitFor(() => expect(s.reads('/api/v1/notifications/unread')).toBe(before + 1))
    s.send({ type: 'allocation.delivered', id: '7', status: 'delivered', villageId: '350524-T01-V01' })
    await new Promise((r) => setTimeout(r, 600))
    expect(s.reads('/api/v1/notifications/unread')).toBe(before + 1)
    w.unmount()
  })
})
