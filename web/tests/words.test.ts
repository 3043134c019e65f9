import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ReasonTags from '../src/components/ReasonTags.vue'
import PriorityMark from '../src/components/PriorityMark.vue'
import HollowWeakCard from '../src/components/HollowWeakCard.vue'
import { shownReasons } from '../src/reasons'
import { actionWords, entityWords, valueText } from '../src/audit'
import { alertFigures, alertLink } from '../src/alertFigures'
import { targetBars } from '../src/targets'
import { formatDate, formatDateTime, formatMoney, formatNumber, formatQuantity } from '../src/format'
import { makeI18n } from '../src/i18n'
import type { Alert } from '../src/funds'
import type { CollectiveGoals } from '../src/api/registry'
import { setup } from './helpers'

const { t, te } = makeI18n('zh-CN').global
const fmt = {
  number: (n: number) => formatNumber(n, 'zh-CN'),
  amounts: () => '',
  date: (d: string) => formatDate(d, 'zh-CN'),
  dateTime: (d: string) => formatDateTime(d, 'zh-CN'),
}

describe("a donor's own claim", () => {
  it("reads as the claim it is, never as the round's matching reason", () => {
    expect(shownReasons([], 'claim', true)).toEqual(['claim'])
    expect(shownReasons(['hometown-village'], 'claim', true)).toEqual(['claim', 'hometown-village'])
    expect(shownReasons([], 'round', true)).toEqual(['priority-category'])
    const { plugins } = setup('zh-CN')
    const claim = mount(ReasonTags, {
      props: { reasons: [], source: 'claim', reader: 'donor', fallback: true },
      global: { plugins },
    })
    expect(claim.text()).toBe('您直接认领了这项需求')
    expect(claim.text()).not.toContain('紧急程度')
    const proposal = mount(ReasonTags, {
      props: { reasons: [], source: 'round', reader: 'donor', fallback: true },
      global: { plugins },
    })
    expect(proposal.text()).toContain('紧急程度')
  })
})

describe('need priority', () => {
  it('is a mark and a word, not a bare number', () => {
    const { plugins } = setup('zh-CN')
    const mark = mount(PriorityMark, { props: { priority: 4 }, global: { plugins } })
    expect(mark.text()).toBe('★★★★☆ 较急')
    expect(mark.attributes('title')).toBe('紧急程度：较急')
    expect(mount(PriorityMark, { props: { priority: null }, global: { plugins } }).text()).toBe('')
  })
})

describe('the audit trail in words', () => {
  it('names entities and actions in Chinese, with the words of their entity first', () => {
    expect(`${entityWords('status_application', t, te)} · ${actionWords('status_application', 'approve', t, te)}`).toBe(
      '状态申请 · 批准',
    )
    expect(actionWords('review_round', 'open', t, te)).toBe('发起回头看')
    expect(actionWords('campaign', 'open', t, te)).toBe('发起行动')
    expect(actionWords('campaign', 'set_targets', t, te)).toBe('设定目标')
    expect(actionWords('whatever', 'unknown_step', t, te)).toBe('unknown_step')
  })

  it('writes instants and days in Chinese and years without separators', () => {
    const instant = valueText('report', 'answeredAt', '2026-12-06T06:05:00Z', t, te, fmt)
    expect(instant).toMatch(/^2026年12月6日 \d{2}:05$/)
    expect(valueText('finding', 'deadline', '2026-12-31', t, te, fmt)).toBe('2026年12月31日')
    expect(valueText('village_income', 'year', 2026, t, te, fmt)).toBe('2026')
    expect(valueText('need', 'needId', 12345, t, te, fmt)).toBe('12345')
    expect(valueText('fund_project', 'budget', 1200000, t, te, fmt)).toBe('1,200,000')
  })

  it("reads the monitor's steps and codes in officials' words", () => {
    expect(`${entityWords('monitor_case', t, te)} · ${actionWords('monitor_case', 'decide', t, te)}`).toBe(
      '防返贫监测 · 县级确定为监测对象',
    )
    expect(actionWords('monitor_warning_batch', 'receive', t, te)).toBe('接收部门预警')
    expect(valueText('monitor_case', 'state', 'checking', t, te, fmt)).toBe('待入户核实')
    expect(valueText('monitor_case', 'kind', 'sudden', t, te, fmt)).toBe('突发严重困难户')
    expect(valueText('monitor_warning_batch', 'department', 'medical', t, te, fmt)).toBe('医保')
    // a deadline escalated: its kind, its subject and whom it went to, in words
    expect(valueText('deadline', 'kind', 'monitor_check', t, te, fmt)).toBe('防返贫监测对象待入户核实')
    expect(valueText('deadline', 'subject', 'monitor_case:12', t, te, fmt)).toBe('防返贫监测 #12')
    expect(valueText('deadline', 'toRole', 'reviewer', t, te, fmt)).toBe(t('roles.reviewer'))
    expect(valueText('notice', 'kind', 'monitor_identification', t, te, fmt)).toBe('监测对象识别公示')
    expect(valueText('finding', 'severity', 'grave', t, te, fmt)).toBe(t('severity.grave'))
    // a free-text reason stays as written
    expect(valueText('monitor_case', 'reason', '已迁往外省', t, te, fmt)).toBe('已迁往外省')
  })
})

describe('alerts', () => {
  const money = (n: number) => formatMoney(n, 'zh-CN')
  const words = {
    money,
    date: (d: string | null | undefined) => formatDate(d, 'zh-CN'),
    quantity: (q: number, unit: string) => formatQuantity(q, unit, 'zh-CN', t, te),
  }
  const alert = (x: Partial<Alert>): Alert =>
    ({
      id: 1,
      rule: 'programme_behind',
      subjectType: 'programme',
      subjectId: '3',
      regionId: null,
      regionName: null,
      countyId: null,
      countyName: null,
      title: '2026年产业扶贫资金',
      details: {},
      raisedAt: '2026-12-01T00:00:00Z',
      status: 'open',
      note: null,
      handledBy: null,
      handledAt: null,
      ...x,
    }) as Alert

  it('show the figures the rule saw: spent against expected, days late', () => {
    const behind = alertFigures(
      alert({
        details: {
          budget: 1000000,
          disbursed: 180000,
          expectedPct: 93,
          actualPct: 18,
          startsOn: '2026-01-01',
          endsOn: '2026-12-31',
        },
      }),
      t,
      words,
    )
    expect(behind).toContain('已拨付 18%')
    expect(behind).toContain('应达 93%')
    expect(behind).toContain('落后 75 个百分点')
    expect(behind).toContain('¥180,000 / ¥1,000,000')

    const late = alertFigures(
      alert({
        rule: 'allocation_not_delivered',
        subjectType: 'allocation',
        details: { quantity: 5000, unit: 'CNY', days: 30, since: '2026-10-01T00:00:00Z' },
      }),
      t,
      words,
      new Date('2026-11-10T00:00:00Z'),
    )
    expect(late).toContain('已过 40 天仍未送达')
    expect(late).toContain('逾期 10 天')
    expect(late).toContain('¥5,000')
  })

  it('link to the record they are about', () => {
    expect(alertLink(alert({}))).toEqual({ path: '/funds', query: { programme: '3' } })
    expect(alertLink(alert({ subjectType: 'allocation', subjectId: '12' }))).toEqual({
      path: '/audit',
      query: { allocation: '12' },
    })
    expect(alertLink(alert({ subjectType: 'project', subjectId: '5' }))).toEqual({
      path: '/funds',
      query: { project: '5' },
    })
    expect(alertLink(alert({ subjectType: 'household', subjectId: '77:2026' }))).toEqual({
      path: '/registry/households/77',
    })
  })
})

describe('campaign targets', () => {
  it('read "46 / 100 个村", only for the targets set', () => {
    const bars = targetBars({ targets: { villages: 100, yuan: null, donors: 20 } }, {
      villagesPaired: 46,
      donorsEnrolled: 25,
      confirmed: { CNY: 10 },
    } as never)
    expect(bars.map((b) => b.key)).toEqual(['villages', 'donors'])
    expect(bars[0]).toMatchObject({ done: 46, target: 100, percent: 46, reached: false })
    expect(bars[1]).toMatchObject({ percent: 100, reached: true })
    expect(t('targets.of.villages', { done: 46, target: 100 })).toBe('46 / 100 个村')
    expect(targetBars({ targets: { villages: null, yuan: null, donors: null } }, {} as never)).toEqual([])
  })
})

describe('hollow and weak villages', () => {
  it('say their year, their basis and which villages are behind the count', () => {
    const goals: CollectiveGoals = {
      year: 2019,
      hollowLine: 10000,
      weakLine: 30000,
      totals: { villages: 181, hollow: 1, weak: 1, ok: 179, noIncome: 0 },
      counties: [
        {
          countyId: '350524',
          countyName: '安溪县',
          villages: 2,
          hollow: [{ villageId: 'a', villageName: '福亭村', year: 2019, amount: 8000, verified: false }],
          weak: [{ villageId: 'b', villageName: '洋坑村', year: 2018, amount: 20000, verified: true }],
          noIncome: [],
          noHollowThisYear: false,
          noWeakYet: false,
        },
      ],
      byYear: [],
    }
    const { plugins } = setup('zh-CN')
    const card = mount(HollowWeakCard, { props: { goals }, global: { plugins } })
    expect(card.find('[data-test=hollow-weak-count]').text()).toBe(
      '2019年：空壳村 1 个，薄弱村 1 个（共统计 181 个村）',
    )
    expect(card.find('[data-test=hollow-weak-basis]').text()).toContain('低于 ¥10,000 为空壳村，低于 ¥30,000 为薄弱村')
    const list = card.find('[data-test=weak-villages]').text()
    expect(list).toContain('福亭村')
    expect(list).toContain('乡镇未核实')
    expect(list).toContain('2018年数据')
  })
})
