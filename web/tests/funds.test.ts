import { describe, expect, it } from 'vitest'
import { makeI18n } from '../src/i18n'
import {
  ALERT_RULES,
  ALERT_STATUSES,
  NOTICE_KINDS,
  NOTICE_STATUSES,
  PROCUREMENT,
  PROGRAMME_SOURCES,
  PROJECT_STATUSES,
  QUANZHOU_COUNTIES,
  countiesInReach,
  regionContains,
} from '../src/funds'

// every value the fund APIs answer with is shown in words, in both languages
describe('fund screens: words for every API value', () => {
  const families: [string, readonly string[]][] = [
    ['notices.kinds', NOTICE_KINDS],
    ['notices.statuses', NOTICE_STATUSES],
    ['funds.statuses', PROJECT_STATUSES],
    ['funds.sources', PROGRAMME_SOURCES],
    ['funds.procurements', PROCUREMENT],
    ['alerts.rules', ALERT_RULES],
    ['alerts.statuses', ALERT_STATUSES],
    [
      'errors',
      [
        'notice_closed',
        'notice_window_passed',
        'objection_limit',
        'objection_answered',
        'programme_budget_exceeded',
        'disbursement_exceeds_allocation',
        'project_not_planned',
        'project_not_approved',
        'project_not_running',
        'project_not_in_progress',
        'alert_not_open',
      ],
    ],
    ['fieldErrors', ['window_passed', 'notice_closed', 'not_eligible', 'more_than_left', 'not_a_source']],
  ]
  for (const [family, values] of families) {
    it(`names every ${family}`, () => {
      for (const locale of ['zh-CN', 'en'] as const) {
        const { te } = makeI18n(locale).global
        expect(
          values.filter((v) => !te(`${family}.${v}`, locale)),
          `${locale} ${family}`,
        ).toEqual([])
      }
    })
  }
  it("keeps the catalogues' own words where both name a code", () => {
    const { t } = makeI18n('zh-CN').global
    expect(t('errors.notice_window_passed')).toBe('公示期已过，不能再提出异议。')
    expect(t('fieldErrors.required')).toBe('请填写这一项')
  })
})

// a reviewer's county filter offers only what the server lets them filter by
describe("county filters stay in a reviewer's region", () => {
  it('knows which region contains which', () => {
    expect(regionContains('3505', '350524')).toBe(true)
    expect(regionContains('350524', '350524-T01-V01')).toBe(true)
    expect(regionContains('350524', '3505241')).toBe(false)
    expect(regionContains('350524-T01', '350524-T02-V01')).toBe(false)
  })
  it('offers a county reviewer their county, a township reviewer theirs, the city all', () => {
    expect(countiesInReach('350524').map(([id]) => id)).toEqual(['350524'])
    expect(countiesInReach('350524-T01').map(([id]) => id)).toEqual(['350524'])
    expect(countiesInReach('3505')).toEqual(QUANZHOU_COUNTIES)
    expect(countiesInReach(null)).toEqual(QUANZHOU_COUNTIES)
  })
})
