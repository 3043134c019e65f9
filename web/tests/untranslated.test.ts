import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { Component } from 'vue'
import { configureClient } from '../src/api/client'
import { useAuthStore } from '../src/stores/auth'
import { usePagedList } from '../src/composables'
import DonorDesk from '../src/views/donor/DonorDesk.vue'
import DashboardView from '../src/views/unitedfront/DashboardView.vue'
import CampaignsView from '../src/views/unitedfront/CampaignsView.vue'
import ReviewDesk from '../src/views/reviewer/ReviewDesk.vue'
import VillageHome from '../src/views/secretary/VillageHome.vue'
import AuditDesk from '../src/views/auditor/AuditDesk.vue'
import PublicBoard from '../src/views/public/PublicBoard.vue'
import InboxView from '../src/views/inbox/InboxView.vue'
import ChecksDesk from '../src/views/openbooks/ChecksDesk.vue'
import OpenDataView from '../src/views/openbooks/OpenDataView.vue'
import AuditLogView from '../src/views/openbooks/AuditLogView.vue'
import DonorHelp from '../src/views/openbooks/DonorHelp.vue'
import { jsonResponse, setup, signInAs } from './helpers'

// What the API says in English: none of it may reach a Chinese screen.
const ENGLISH = [
  'must be CNY, job, training-place or item:<what> (lower-case)',
  'is more than is left',
  'campaign 3 is closed',
  'something unexpected happened',
]
const RAW_KEY =
  /\b(figures|campaigns|inbox|lists|reasonFor|ws|errors|fieldErrors|dashboard|donor|need|audit|reviewer|secretary)\.[\w-]+\b/

function failing(i: number) {
  const bodies = [
    {
      error: 'validation',
      message: `unit ${ENGLISH[0]}`,
      fields: [{ field: 'unit', code: 'not_allowed', message: ENGLISH[0] }],
    },
    { error: 'quantity_exceeds_remaining', message: `quantity ${ENGLISH[1]}` },
    { error: 'campaign_closed', message: ENGLISH[2] },
    { error: 'a_code_no_catalogue_knows', message: ENGLISH[3] },
  ]
  const body = bodies[i % bodies.length]
  return jsonResponse(body.error === 'validation' ? 400 : 409, body)
}

const VIEWS: [string, Component, string, Record<string, unknown>][] = [
  ['donor desk', DonorDesk, 'donor', { donorId: 5 }],
  ['dashboard', DashboardView, 'united_front', {}],
  ['campaigns (united front)', CampaignsView, 'united_front', {}],
  ['campaigns (donor)', CampaignsView, 'donor', { donorId: 5 }],
  ['review desk', ReviewDesk, 'reviewer', { regionId: '350524' }],
  ['village', VillageHome, 'village_secretary', { villageId: '350524-T01-V01' }],
  ['audit desk', AuditDesk, 'auditor', {}],
  ['public board', PublicBoard, 'donor', { donorId: 5 }],
  ['notifications', InboxView, 'reviewer', { regionId: '350524' }],
  ['sample checks', ChecksDesk, 'reviewer', { regionId: '350524-T01' }],
  ['open data', OpenDataView, 'donor', { donorId: 5 }],
  ['audit log', AuditLogView, 'admin', {}],
  ['donor help', DonorHelp, 'donor', { donorId: 5 }],
]

beforeEach(() => localStorage.clear())
afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('no server message reaches a Chinese screen', () => {
  for (const [name, view, role, extra] of VIEWS) {
    it(`${name}: every failing request is told in Chinese, no English, no raw key`, async () => {
      signInAs(role, extra)
      const { plugins } = setup('zh-CN')
      const auth = useAuthStore()
      configureClient(
        () => auth.token,
        () => {},
      )
      let n = 0
      vi.stubGlobal(
        'fetch',
        vi.fn(async () => failing(n++)),
      )
      const wrapper = mount(view, { global: { plugins }, attachTo: document.body })
      await flushPromises()
      await new Promise((r) => setTimeout(r, 50))
      await flushPromises()
      const text = document.body.textContent ?? ''
      expect(n, 'the view asked the API for something').toBeGreaterThan(0)
      for (const english of ENGLISH) expect(text, name).not.toContain(english)
      expect(text).not.toMatch(RAW_KEY)
      expect(text).toMatch(/[\u4e00-\u9fff]/)
      wrapper.unmount()
    }, 30_000)
  }
})

describe('usePagedList', () => {
  it('adds page after page and knows how many there are in all', async () => {
    const loader = vi.fn(async (page: number, size: number) => ({
      items: Array.from({ length: Math.min(size, 5 - (page - 1) * size) }, (_, i) => (page - 1) * size + i),
      total: 5,
      page,
      size,
    }))
    const list = usePagedList<number>(loader, 2)
    await list.reload()
    expect(list.items.value).toEqual([0, 1])
    expect(list.total.value).toBe(5)
    expect(list.hasMore.value).toBe(true)
    await list.more()
    await list.more()
    expect(list.items.value).toEqual([0, 1, 2, 3, 4])
    expect(list.hasMore.value).toBe(false)
    await list.reload()
    expect(list.items.value).toEqual([0, 1])
  })

  it('keeps offering more past a capped total', async () => {
    const loader = vi.fn(async (page: number, size: number) => ({
      items: Array.from({ length: size }, (_, i) => (page - 1) * size + i),
      total: 4,
      totalCapped: true,
      page,
      size,
    }))
    const list = usePagedList<number>(loader, 2)
    await list.reload()
    await list.more()
    expect(list.items.value).toHaveLength(4)
    expect(list.capped.value).toBe(true)
    expect(list.hasMore.value).toBe(true)
  })
})
