import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { makeI18n } from '../src/i18n'
import zhCN from '../src/i18n/zh-CN'
import en from '../src/i18n/en'
import workspaces from '../src/i18n/workspaces'
import { figureCards, MONEY_FIGURES } from '../src/figures'
import { reasonKey, reasonsOrDefault } from '../src/reasons'
import { closestFirst, pledgeNoteText } from '../src/donorDesk'
import { pledgeInput, type PledgeForm } from '../src/pledgeForm'
import { canEnrol } from '../src/campaigns'
import { confirmedFlows, pairingHeight, pairingOption } from '../src/charts'
import ReasonTags from '../src/components/ReasonTags.vue'
import type { Campaign, CampaignProgress, ProgressFigures } from '../src/api/types'
import { setup } from './helpers'

/** Figures as the API gives them: every stage and count, zero unless said. */
function figures(over: Partial<ProgressFigures> = {}): ProgressFigures {
  return {
    pledged: {},
    proposed: {},
    confirmed: {},
    delivered: {},
    verified: {},
    allocated: {},
    donorsEnrolled: 0,
    villagesPaired: 0,
    needsOpen: 0,
    needsPartlyCovered: 0,
    needsFullyCovered: 0,
    ...over,
  }
}

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  )
}

describe('the workspaces catalogue', () => {
  it('has the same keys in Chinese and English', () => {
    expect(keys(workspaces.en).sort()).toEqual(keys(workspaces.zh).sort())
  })

  it('gives every error code of campaigns its words in both languages, merged into errors', () => {
    const codes = [
      'campaign_closed',
      'campaign_not_started',
      'campaign_ended',
      'campaign_donor_type',
      'campaign_not_closed',
      'campaign_code_taken',
      'already_enrolled',
      'not_enrolled',
      'already_paired',
      'pairing_not_pending',
    ]
    for (const cat of [zhCN, en]) {
      for (const c of codes) expect((cat.errors as Record<string, string>)[c], c).toBeTruthy()
    }
    for (const f of ['before_start', 'bad_code', 'taken', 'unknown']) {
      expect((zhCN.fieldErrors as Record<string, string>)[f]).toBeTruthy()
      expect((en.fieldErrors as Record<string, string>)[f]).toBeTruthy()
    }
    // the merge keeps the catalogue's own error words
    expect(zhCN.errors.network).toContain('连不上')
  })

  it('names every audit action the API writes', () => {
    const actions = [
      'create',
      'update',
      'submit',
      'publish',
      'reject',
      'withdraw',
      'claim',
      'confirm',
      'decline',
      'deliver',
      'receive',
      'verify',
      'expire',
      'run',
      'delete',
      'propose',
      'enrol',
      'open',
      'close',
      'reopen',
      'pair_request',
      'pair_approve',
      'pair_decline',
    ]
    for (const locale of ['zh-CN', 'en'] as const) {
      const { te } = makeI18n(locale).global
      expect(
        actions.filter((a) => !te(`audit.action.${a}`, locale)),
        locale,
      ).toEqual([])
      expect(
        ['roundId', 'reasons', 'scope', 'maxPerNeed', 'needId'].filter((f) => !te(`audit.field.${f}`, locale)),
      ).toEqual([])
    }
  })
})

describe('figures', () => {
  it('keep proposed apart from confirmed, each with a line saying what it counts', () => {
    const cards = figureCards(
      figures({ pledged: { CNY: 100 }, proposed: { CNY: 40 }, confirmed: { CNY: 10 }, allocated: { CNY: 50 } }),
    )
    expect(cards.map((c) => c.key)).toEqual([...MONEY_FIGURES])
    expect(cards.find((c) => c.key === 'confirmed')!.amounts.CNY).toBe(10)
    expect(cards.find((c) => c.key === 'proposed')!.amounts.CNY).toBe(40)
    expect(cards.some((c) => (c.key as string) === 'allocated')).toBe(false)
    const { t, te } = makeI18n('zh-CN').global
    for (const c of cards) {
      expect(te(c.label) && te(c.hint), c.key).toBe(true)
    }
    expect(t('figures.confirmed')).not.toBe(t('figures.proposed'))
    expect(t('figures.proposedHint')).toContain('不计入已匹配')
  })

  it('draw a single mountain-sea flow as a band, not a block filling the chart', () => {
    const p: CampaignProgress = {
      campaign: { id: 1, code: 'shxz', name: '山海协作' },
      totals: figures(),
      pairingFlows: [
        {
          from: '350582',
          fromName: '晋江市',
          to: '350821',
          toName: '长汀县',
          confirmed: { CNY: 5000 },
          proposed: { CNY: 1 },
          verified: {},
          allocated: { CNY: 5001 },
        },
        {
          from: '350502',
          fromName: '鲤城区',
          to: '350421',
          toName: '明溪县',
          proposed: { CNY: 900 },
          confirmed: {},
          verified: {},
          allocated: { CNY: 900 },
        },
      ],
    }
    expect(confirmedFlows(p)).toHaveLength(1)
    const option = pairingOption(p, String) as { series: { height: number; links: { value: number }[] }[] }
    expect(option.series[0].links).toEqual([{ source: '晋江市', target: '长汀县', value: 5000 }])
    expect(option.series[0].height).toBeLessThan(100)
    expect(pairingHeight(p)).toBeLessThan(120)
  })
})

describe("reasons in the reader's words", () => {
  it("speak to the donor on the donor's desk and neutrally elsewhere", () => {
    const { t, te } = makeI18n('zh-CN').global
    expect(t(reasonKey('hometown-village', 'donor', te))).toBe('这是您的家乡村')
    expect(t(reasonKey('hometown-village', 'neutral', te))).toBe('帮扶方的家乡村')
    expect(t(reasonKey('hometown:350524', 'donor', te))).toBe('其他原因')
    expect(reasonsOrDefault([])).toEqual(['priority-category'])
    expect(reasonsOrDefault(null)).toEqual(['priority-category'])
    expect(reasonsOrDefault(['paired-village'])).toEqual(['paired-village'])
  })

  it('say "matched on priority and category" for a match without ties', () => {
    const neutral = mount(ReasonTags, {
      props: { reasons: [], reader: 'neutral', fallback: true },
      global: { plugins: setup('zh-CN').plugins },
    })
    expect(neutral.text()).toBe('按紧急程度和类别匹配')
    const donor = mount(ReasonTags, {
      props: { reasons: ['priority-category'], reader: 'donor' },
      global: { plugins: setup('en').plugins },
    })
    expect(donor.text()).toContain('Matched on priority')
    const browse = mount(ReasonTags, { props: { reasons: [] }, global: { plugins: setup('zh-CN').plugins } })
    expect(browse.text()).toBe('')
  })
})

describe("the donor's desk", () => {
  it('puts the hometown village first, then the paired village, township and county, else keeps the order', () => {
    const needs = [
      { id: 1, reasons: [] },
      { id: 2, reasons: ['hometown-county'] },
      { id: 3, reasons: ['same-county', 'hometown-village'] },
      { id: 4, reasons: ['paired-village'] },
      { id: 5 },
    ]
    expect(closestFirst(needs as never[]).map((n: { id: number }) => n.id)).toEqual([3, 4, 2, 1, 5])
  })

  it('tells a claim\'s pledge in words, not "claim of need 431"', () => {
    const zh = makeI18n('zh-CN').global.t
    expect(pledgeNoteText('claim of need 431', zh)).toBe('认领需求 #431 时自动登记的认捐')
    expect(pledgeNoteText('助学', zh)).toBe('助学')
    expect(pledgeNoteText(null, zh)).toBe('')
  })

  it('sends everything the pledge API takes, goods named in Chinese', () => {
    const form: PledgeForm = {
      campaignId: 3,
      kind: 'item',
      goods: ' 棉被 ',
      quantity: 200,
      categories: ['housing'],
      scope: ['350524'],
      expires: '2027-01-01',
      maxPerNeed: 50,
      mode: 'earmarked',
      note: '',
    }
    const built = pledgeInput(form, 7)
    expect('input' in built && built.input).toMatchObject({
      donorId: 7,
      campaignId: 3,
      unit: 'item:棉被',
      quantity: 200,
      categories: ['housing'],
      scope: ['350524'],
      expires: '2027-01-01',
      maxPerNeed: 50,
      mode: 'earmarked',
      note: null,
    })
    expect(pledgeInput({ ...form, goods: ' ' })).toEqual({ errors: { goods: 'errors.required' } })
    expect(pledgeInput({ ...form, quantity: 0, maxPerNeed: 1.5 })).toEqual({
      errors: { quantity: 'errors.positive', maxPerNeed: 'errors.positive' },
    })
    const plain = pledgeInput({ ...form, kind: 'CNY', maxPerNeed: '', expires: '', campaignId: 0 })
    expect('input' in plain && plain.input).toMatchObject({
      unit: 'CNY',
      campaignId: null,
      maxPerNeed: undefined,
      expires: undefined,
    })
  })

  it("offers enrolment only in open campaigns that admit the donor's type", () => {
    const c = (x: Partial<Campaign>): Campaign => ({
      id: 1,
      code: 'c',
      name: 'c',
      description: '',
      startsOn: '2018-10-01',
      endsOn: null,
      donorTypes: [],
      regionPairingKind: null,
      targets: { villages: null, yuan: null, donors: null },
      closedAt: null,
      state: 'open',
      donorsEnrolled: 0,
      villagesPaired: 0,
      pairingsPending: 0,
      ...x,
    })
    expect(canEnrol(c({ donorTypes: ['overseas'] }), 'enterprise')).toBe(false)
    expect(canEnrol(c({ donorTypes: ['overseas'] }), 'overseas')).toBe(true)
    expect(canEnrol(c({}), 'individual')).toBe(true)
    expect(canEnrol(c({ state: 'ended' }), 'individual')).toBe(false)
    expect(canEnrol(c({ enrolled: true }), 'individual')).toBe(false)
  })
})
