import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { dueOf, selfReportBody, selfReportProblems, stepsFor } from '../src/monitor'
import type { MonitorCase } from '../src/api/monitor'
import SelfReport from '../src/views/monitor/SelfReport.vue'
import SelfReportTrack from '../src/views/monitor/SelfReportTrack.vue'
import MonitorCasePage from '../src/views/monitor/MonitorCasePage.vue'
import WarningsDesk from '../src/views/monitor/WarningsDesk.vue'
import MonitorFiguresCard from '../src/views/monitor/MonitorFiguresCard.vue'
import MonitorProposals from '../src/views/monitor/MonitorProposals.vue'
import { jsonResponse, setup, signInAs } from './helpers'

/** A case as the API gives it: at triage, nothing done, unless said. */
function aCase(over: Partial<MonitorCase> = {}): MonitorCase {
  return {
    id: 7,
    countyId: '350524',
    countyName: '安溪县',
    villageId: '350524-T03-V07',
    villageName: '福亭村',
    householdId: null,
    name: '林某',
    idNumber: '3505**********1234',
    householdStatus: null,
    kind: null,
    risks: ['illness'],
    state: 'triage',
    score: 60,
    leads: 1,
    channels: ['self_report'],
    green: false,
    greenReason: null,
    paperworkDue: null,
    paperworkOverdue: false,
    openedAt: '2026-03-01T02:00:00Z',
    checkDue: '2026-03-06T02:00:00Z',
    checkOverdue: false,
    decisionDue: '2026-03-16T02:00:00Z',
    dueSoon: false,
    late: false,
    lateAt: null,
    escalatedTo: null,
    dismissReason: null,
    checkedAt: null,
    visitedOn: null,
    incomePerHead: null,
    incomeLine: null,
    finding: null,
    hasPhoto: false,
    noticeId: null,
    townshipAt: null,
    decidedAt: null,
    decisionNote: null,
    fromStatus: null,
    needId: null,
    needStatus: null,
    helpConfirmedAt: null,
    firstHelpAt: null,
    closureNoticeId: null,
    closedAt: null,
    ...over,
  }
}

afterEach(() => vi.unstubAllGlobals())

describe("a monitoring case's steps", () => {
  it("are the county's at triage and decision, the village's at its notice and closure", () => {
    expect(stepsFor(aCase(), 'reviewer')).toEqual(['triage', 'green', 'reject'])
    expect(stepsFor(aCase(), 'village_secretary')).toEqual([])
    expect(stepsFor(aCase({ state: 'checking' }), 'village_secretary')).toEqual(['check'])
    expect(stepsFor(aCase({ state: 'checked' }), 'village_secretary')).toEqual(['notice'])
    expect(stepsFor(aCase({ state: 'checked' }), 'reviewer')).toEqual(['green', 'reject'])
    expect(stepsFor(aCase({ state: 'township' }), 'reviewer')).toEqual(['township', 'green', 'reject'])
    expect(stepsFor(aCase({ state: 'county', green: true }), 'reviewer')).toEqual(['decide', 'reject'])
    expect(stepsFor(aCase({ state: 'confirmed', needId: 4 }), 'village_secretary')).toEqual(['help', 'closure'])
    // a township reviewer reviews and checks; triage, the decision and the green channel are the county's
    expect(stepsFor(aCase({ state: 'township' }), 'reviewer', 'township')).toEqual(['township'])
    expect(stepsFor(aCase({ state: 'township' }), 'reviewer', 'county')).toEqual(['green', 'reject'])
    expect(stepsFor(aCase(), 'reviewer', 'township')).toEqual([])
    expect(stepsFor(aCase({ state: 'checking' }), 'reviewer', 'township')).toEqual(['check'])
    expect(stepsFor(aCase({ state: 'confirmed', needId: 4, helpConfirmedAt: 'x' }), 'village_secretary')).toEqual([
      'closure',
    ])
    expect(stepsFor(aCase({ state: 'closed' }), 'admin')).toEqual([])
    expect(stepsFor(aCase(), 'donor')).toEqual([])
  })

  it("wait for the home check, then the decision, then the green channel's paperwork", () => {
    expect(dueOf(aCase({ checkOverdue: true }))).toEqual({ what: 'check', at: '2026-03-06T02:00:00Z', tone: 'late' })
    expect(dueOf(aCase({ state: 'notice', dueSoon: true }))?.tone).toBe('soon')
    expect(dueOf(aCase({ state: 'county', late: true }))).toEqual({
      what: 'decision',
      at: '2026-03-16T02:00:00Z',
      tone: 'late',
    })
    expect(dueOf(aCase({ state: 'confirmed', decidedAt: 'x' }))).toBeNull()
  })
})

describe("the household's own report", () => {
  const filled = {
    name: ' 林阿婆 ',
    phone: '13800001111',
    idNumber: '35052419600101123x',
    hardship: '住院',
    villageId: 'V1',
    risk: '',
  }

  it('names each missing or wrong field before sending', () => {
    expect(selfReportProblems(filled)).toEqual({})
    expect(selfReportProblems({ ...filled, phone: '1380000', idNumber: '', villageId: null })).toEqual({
      phone: 'monitor.phoneRule',
      idNumber: 'fieldErrors.required',
      villageId: 'fieldErrors.required',
    })
    expect(selfReportBody(filled)).toEqual({
      name: '林阿婆',
      phone: '13800001111',
      idNumber: '35052419600101123X',
      hardship: '住院',
      villageId: 'V1',
    })
  })

  it("is filed from the poster's village and shows the number and secret once", async () => {
    const sent: { url: string; body: unknown }[] = []
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      sent.push({ url, body: init?.body ? JSON.parse(String(init.body)) : null })
      if (url.includes('/public/monitor/villages/'))
        return jsonResponse(200, {
          villageId: 'V1',
          villageName: '福亭村',
          townshipName: '龙门镇',
          countyName: '安溪县',
          reportPath: '/monitor/report?village=V1',
        })
      return jsonResponse(201, {
        trackingNumber: 'JC-20260301-7K3QX9M2',
        secret: 's3cr3t',
        checkDue: '2026-03-06T02:00:00Z',
      })
    })
    const { plugins, router } = setup()
    await router.push('/monitor/report?village=V1')
    const w = mount(SelfReport, { global: { plugins } })
    await flushPromises()
    await w.get('[data-test="mr-name"]').setValue('林阿婆')
    await w.get('[data-test="mr-phone"]').setValue('13800001111')
    await w.get('[data-test="mr-id"]').setValue('35052419600101123X')
    await w.get('[data-test="mr-hardship"]').setValue('住院，自付 3 万元')
    await w.get('[data-test="monitor-report-form"]').trigger('submit')
    await flushPromises()
    const filed = sent.find((s) => s.url.endsWith('/public/monitor/reports'))
    expect(filed?.body).toEqual({
      name: '林阿婆',
      phone: '13800001111',
      idNumber: '35052419600101123X',
      hardship: '住院，自付 3 万元',
      villageId: 'V1',
    })
    expect(w.get('[data-test="tracking-number"]').text()).toBe('JC-20260301-7K3QX9M2')
    expect(w.get('[data-test="tracking-secret"]').text()).toBe('s3cr3t')
    expect(w.find('[data-test="monitor-report-form"]').exists()).toBe(false)
  })

  it("is refused in the reader's words when the day's limit is reached", async () => {
    vi.stubGlobal('fetch', async () => jsonResponse(429, { error: 'report_limit', message: 'at most 3 reports a day' }))
    const { plugins } = setup()
    const w = mount(SelfReport, { global: { plugins } })
    await w.get('[data-test="mr-name"]').setValue('林阿婆')
    await w.get('[data-test="mr-phone"]').setValue('13800001111')
    await w.get('[data-test="mr-id"]').setValue('35052419600101123X')
    await w.get('[data-test="mr-hardship"]').setValue('住院')
    ;(w.vm as unknown as { form: { villageId: string } }).form.villageId = 'V1'
    await w.get('[data-test="monitor-report-form"]').trigger('submit')
    await flushPromises()
    expect(w.text()).not.toContain('at most')
    expect(w.get('[role="alert"]').text()).toContain('村里的干部')
  })

  it('is tracked by its number and secret: the stage, never who', async () => {
    vi.stubGlobal('fetch', async () =>
      jsonResponse(200, {
        trackingNumber: 'JC-1',
        filedAt: '2026-03-01T02:00:00Z',
        stage: 'deciding',
        checkDue: '2026-03-06T02:00:00Z',
        decisionDue: '2026-03-16T02:00:00Z',
        checkedAt: '2026-03-03T02:00:00Z',
        decidedAt: null,
        helpConfirmedAt: null,
        firstHelpAt: null,
        closedAt: null,
        green: false,
      }),
    )
    const { plugins } = setup()
    const w = mount(SelfReportTrack, { global: { plugins } })
    await w.get('[data-test="track-number"]').setValue('JC-1')
    await w.get('[data-test="track-secret"]').setValue('s')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.get('[data-test="mt-stage"]').text()).toBe('评议、审核和确定中')
  })

  it("opened from the slip's QR code, fills both and looks up at once, then drops the secret from the address", async () => {
    const asked: string[] = []
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      asked.push(`${url} ${init?.body ?? ''}`)
      return jsonResponse(200, {
        trackingNumber: 'JC-1',
        filedAt: '2026-03-01T02:00:00Z',
        stage: 'checking',
        checkDue: '2026-03-06T02:00:00Z',
        decisionDue: '2026-03-16T02:00:00Z',
        checkedAt: null,
        decidedAt: null,
        helpConfirmedAt: null,
        firstHelpAt: null,
        closedAt: null,
        green: false,
      })
    })
    const { plugins, router } = setup()
    await router.push('/monitor/track?n=JC-1')
    window.history.replaceState(null, '', '/monitor/track?n=JC-1#s3cr3t')
    const w = mount(SelfReportTrack, { global: { plugins } })
    await flushPromises()
    expect(asked.join('\n')).toContain('JC-1')
    expect(asked.join('\n')).toContain('s3cr3t')
    expect(w.find('[data-test="mt-stage"]').exists()).toBe(true)
    expect(window.location.hash).toBe('')
  })
})

const inBody = (test: string) => document.querySelector(`[data-test="${test}"]`) as HTMLElement | null

describe("a case's page", () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  async function openCase(posts: { url: string; body: unknown }[], state: MonitorCase['state']) {
    const detail = { ...aCase({ state, checkedAt: '2026-03-03T02:00:00Z' }), leadList: [], proposals: [] }
    const events = [{ id: 1, step: 'opened', note: '', at: '2026-03-01T02:00:00Z' }]
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      if (init?.method === 'POST') {
        posts.push({ url, body: JSON.parse(String(init.body)) })
        return jsonResponse(200, { ...detail, state: 'county', events })
      }
      return jsonResponse(200, { ...detail, events })
    })
    signInAs('reviewer', { regionId: '350524' })
    const { plugins, router } = setup()
    await router.push('/monitor/cases/7')
    const w = mount(MonitorCasePage, { global: { plugins }, attachTo: document.body })
    await flushPromises()
    return w
  }

  it("offers the reviewer the township's step, confirmed first, and shows the case's next step", async () => {
    const posts: { url: string; body: unknown }[] = []
    const w = await openCase(posts, 'township')
    expect(w.get('[data-test="case-state"]').text()).toBe('待乡镇审核')
    expect(w.get('[data-test="case-timeline"]').text()).toContain('立案')
    expect(w.find('[data-test="case-step-notice"]').exists()).toBe(false)
    await w.get('[data-test="case-step-township"] input').setValue(true)
    await flushPromises()
    await w.get('[data-test="step-decision"] input[value="pass"]').setValue(true)
    await w.get('[data-test="step-township"]').trigger('submit')
    await flushPromises()
    expect(inBody('confirm-step-facts')?.textContent).toContain('林某')
    expect(posts).toEqual([])
    inBody('confirm-step-ok')!.click()
    await flushPromises()
    expect(posts).toEqual([{ url: '/api/v1/monitor/cases/7/township', body: { decision: 'pass' } }])
    expect(w.get('[data-test="case-state"]').text()).toBe('待县级确定')
  })

  it('sends nothing when the confirmation is cancelled', async () => {
    const posts: { url: string; body: unknown }[] = []
    const w = await openCase(posts, 'county')
    await w.get('[data-test="case-step-reject"] input').setValue(true)
    await flushPromises()
    await w.get('[data-test="step-note"]').setValue('重复')
    await w.get('[data-test="step-reject"]').trigger('submit')
    await flushPromises()
    inBody('confirm-step-cancel')!.click()
    await flushPromises()
    expect(posts).toEqual([])
  })
})

describe("departments' warnings", () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('upload the file as it is, confirmed first, and show the rows refused in words', async () => {
    const sent: { url: string; method: string; type: string; body: unknown }[] = []
    const receipt = {
      id: 3,
      countyId: '350524',
      countyName: '安溪县',
      department: 'medical',
      fileName: 'yibao.csv',
      format: 'csv',
      receivedAt: '2026-03-01T02:00:00Z',
      rowsTotal: 3,
      rowsRejected: 1,
      rowsBelow: 0,
      matched: 1,
      newCases: 1,
      joinedCases: 1,
      errors: [{ row: 3, field: 'idNumber', code: 'invalid_id_number' }],
      errorsShown: 1,
    }
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      const headers = (init?.headers ?? {}) as Record<string, string>
      sent.push({ url, method: init?.method ?? 'GET', type: headers['Content-Type'] ?? '', body: init?.body })
      if (init?.method === 'POST') return jsonResponse(201, receipt)
      return jsonResponse(200, { items: [], total: 0, page: 1, size: 20 })
    })
    signInAs('reviewer', { regionId: '350524' })
    const { plugins } = setup()
    const w = mount(WarningsDesk, { global: { plugins }, attachTo: document.body })
    await flushPromises()
    const input = w.get('[data-test="warning-file"]').element as HTMLInputElement
    const csv = new File(['身份证号,姓名\n'], 'yibao.csv', { type: '' })
    Object.defineProperty(input, 'files', { value: [csv] })
    await w.get('[data-test="warning-file"]').trigger('change')
    await w.get('[data-test="warning-upload"]').trigger('submit')
    await flushPromises()
    expect(sent.filter((s) => s.method === 'POST')).toEqual([])
    inBody('confirm-step-ok')!.click()
    await flushPromises()
    const post = sent.find((s) => s.method === 'POST')!
    expect(post.url).toBe('/api/v1/monitor/warning-files?department=medical&fileName=yibao.csv')
    expect(post.type).toBe('text/csv')
    expect(post.body).toBeInstanceOf(Blob)
    expect(w.get('[data-test="receipt-newCases"]').text()).toBe('1')
    expect(w.get('[data-test="receipt-errors"]').text()).toContain('身份证号不对')
  })
})

describe("the monitor's figures and the donor's proposals", () => {
  it('show time to decision and to first help in days, a missing figure as a dash', async () => {
    vi.stubGlobal('fetch', async () =>
      jsonResponse(200, {
        days: 365,
        leadsByChannel: { self_report: 4 },
        casesByState: {},
        leads: 12,
        confirmed: 5,
        decided: 8,
        decidedInTime: 7,
        decisionDaysP50: 9.25,
        decisionDaysP95: 14,
        helped: 3,
        helpDaysP50: null,
        helpDaysP95: null,
        late: 1,
        green: 2,
      }),
    )
    signInAs('united_front')
    const { plugins } = setup()
    const w = mount(MonitorFiguresCard, { global: { plugins } })
    await flushPromises()
    expect(w.get('[data-test="mf-figLeads"]').text()).toBe('12')
    expect(w.get('[data-test="mf-figInTime"]').text()).toBe('7 / 8')
    expect(w.get('[data-test="mf-figDecisionP50"]').text()).toBe('9.3')
    expect(w.get('[data-test="mf-figDecisionP95"]').text()).toBe('14.0')
    expect(w.get('[data-test="mf-figHelpP50"]').text()).toBe('—')
  })

  it("name the village and why, never the household's words", async () => {
    vi.stubGlobal('fetch', async () =>
      jsonResponse(200, {
        items: [
          {
            id: 1,
            needId: 9,
            needTitle: '大病医疗救助',
            needStatus: 'open',
            villageId: 'V1',
            villageName: '福亭村',
            countyName: '安溪县',
            reasons: ['paired-village'],
            words: 'server words',
            sentAt: '2026-03-10T02:00:00Z',
          },
        ],
        total: 1,
        page: 1,
        size: 20,
      }),
    )
    signInAs('donor', { donorId: 5 })
    const { plugins } = setup()
    const w = mount(MonitorProposals, { global: { plugins } })
    await flushPromises()
    expect(w.get('[data-test="monitor-proposal"]').text()).toContain('福亭村')
    expect(w.text()).not.toContain('server words')
  })
})
