// The village's upkeep: a 回头看 visit that finds a household short says first that it puts the
// household up for return to poverty and sends nothing on cancel; agreed, it sends the checklist
// with the unmet item; a village with no 第一书记 serving says so without an error.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import RoundVisitForm from '../src/views/registry/RoundVisitForm.vue'
import FirstSecretaryLine from '../src/views/registry/FirstSecretaryLine.vue'
import type { Component } from 'vue'
import { configureClient } from '../src/api/client'
import { useAuthStore } from '../src/stores/auth'
import ReviewRoundsView from '../src/views/registry/ReviewRoundsView.vue'
import CadresView from '../src/views/registry/CadresView.vue'
import HelpUnitsView from '../src/views/registry/HelpUnitsView.vue'
import CadreAppoint from '../src/views/registry/CadreAppoint.vue'
import { jsonResponse, setup, signInAs } from './helpers'

const household = {
  householdId: 9,
  headName: '郑秀英',
  villageId: '350524-T01-V01',
  villageName: '洋坑村',
  status: 'exited',
  visitId: null,
  visitedOn: null,
  incomePerHead: null,
  unmet: [],
  passed: null,
  applicationId: null,
  note: null,
  hasPhoto: false,
}

function serve(firstSecretary: 'none' | 'serving' = 'none') {
  const posts: { url: string; body: unknown }[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input)
      if (init?.method === 'POST') {
        const body = JSON.parse(String(init.body ?? '{}'))
        posts.push({ url, body })
        return jsonResponse(201, { ...household, visitId: 3, passed: false, applicationId: 12 })
      }
      if (url.includes('/first-secretary')) {
        return firstSecretary === 'none'
          ? new Response(null, { status: 204 })
          : jsonResponse(200, {
              name: '林志明',
              unitName: '安溪县住房和城乡建设局',
              dispatchedBy: 'county',
              villageId: '350524-T01-V01',
              villageName: '洋坑村',
              appointedOn: '2018-03-01',
            })
      }
      return jsonResponse(404, { error: 'not_found', message: 'nothing' })
    }),
  )
  return posts
}

const inBody = (test: string) => document.querySelector(`[data-test="${test}"]`) as HTMLElement | null

async function typeInto(w: ReturnType<typeof mount>, test: string, value: string) {
  const input = w.find(`[data-test="${test}"] input`)
  await input.setValue(value)
  await input.trigger('change')
  await input.trigger('blur')
}

describe('a 回头看 visit', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  it('says first that a household found short is put up for return to poverty; cancelled, sends nothing', async () => {
    const posts = serve()
    signInAs('village_secretary', { villageId: '350524-T01-V01' })
    const { plugins } = setup('zh-CN')
    const w = mount(RoundVisitForm, {
      props: { roundId: 4, incomeLine: 4000, household },
      global: { plugins },
      attachTo: document.body,
    })
    await typeInto(w, 'visit-income', '3000')
    await w.find('[data-test="visit-met-medical"] input').setValue(false)
    await flushPromises()
    expect(w.find('[data-test="visit-fails"]').text()).toContain('返贫申请')
    await w.find('[data-test="visit-record"]').trigger('click')
    await flushPromises()
    expect(inBody('confirm-step-effect')?.textContent).toContain('将同时提出返贫申请')
    expect(inBody('confirm-step-facts')?.textContent).toContain('郑秀英')
    expect(inBody('confirm-step-facts')?.textContent).toContain('基本医疗有保障')
    inBody('confirm-step-cancel')!.click()
    await flushPromises()
    expect(posts).toHaveLength(0)

    await w.find('[data-test="visit-record"]').trigger('click')
    await flushPromises()
    inBody('confirm-step-ok')!.click()
    await flushPromises()
    expect(posts).toHaveLength(1)
    expect(posts[0].url).toBe('/api/v1/review-rounds/4/visits')
    expect(posts[0].body).toMatchObject({
      householdId: 9,
      incomePerHead: 3000,
      checklist: { food: true, clothing: true, education: true, medical: false, housing: true, water: true },
    })
    expect(w.emitted('recorded')).toHaveLength(1)
    w.unmount()
  })
})

describe("a village's 第一书记", () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  it('says none is sent when the village has none serving', async () => {
    serve('none')
    const { plugins } = setup('zh-CN')
    const w = mount(FirstSecretaryLine, { props: { villageId: '350524-T01-V01' }, global: { plugins } })
    await flushPromises()
    expect(w.find('[data-test="first-secretary"]').text()).toBe('尚未选派第一书记')
    w.unmount()
  })

  it('names them and the unit that sent them, in English too', async () => {
    serve('serving')
    const { plugins } = setup('en')
    const w = mount(FirstSecretaryLine, { props: { villageId: '350524-T01-V01' }, global: { plugins } })
    await flushPromises()
    const text = w.find('[data-test="first-secretary"]').text()
    expect(text).toContain('First secretary')
    expect(text).toContain('林志明')
    expect(text).toContain('sent by 安溪县住房和城乡建设局')
    w.unmount()
  })
})

describe("the upkeep screens say a failure in Chinese, never the API's English nor a raw key", () => {
  const views: [string, Component][] = [
    ['rounds', ReviewRoundsView],
    ['cadres', CadresView],
    ['units', HelpUnitsView],
    ['appoint', CadreAppoint],
  ]
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })
  for (const [name, view] of views) {
    it(name, async () => {
      signInAs('reviewer', { regionId: '350524' })
      const { plugins } = setup('zh-CN')
      const auth = useAuthStore()
      configureClient(
        () => auth.token,
        () => {},
      )
      vi.stubGlobal(
        'fetch',
        vi.fn(async () => jsonResponse(409, { error: 'unit_exists', message: 'a unit of this name exists' })),
      )
      const w = mount(view, { global: { plugins }, attachTo: document.body })
      await flushPromises()
      const text = document.body.textContent ?? ''
      expect(text).not.toContain('a unit of this name exists')
      expect(text).not.toMatch(/\breg\.(review|cadre|unit)\.\w+/)
      expect(text).toMatch(/[\u4e00-\u9fff]/)
      w.unmount()
    })
  }
})
