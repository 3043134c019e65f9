import { describe, expect, it } from 'vitest'
import { formatAmounts, formatDate, formatMoney, formatQuantity } from '../src/format'
import { makeI18n } from '../src/i18n'

const zh = makeI18n('zh-CN').global.t as (k: string, v?: Record<string, unknown>) => string
const en = makeI18n('en').global.t as (k: string, v?: Record<string, unknown>) => string

describe('money', () => {
  it('shows yuan with ¥ and thousands separators in both languages', () => {
    expect(formatMoney(1000000, 'zh-CN')).toBe('¥1,000,000')
    expect(formatMoney(1000000, 'en')).toBe('¥1,000,000')
    expect(formatMoney(0, 'zh-CN')).toBe('¥0')
  })

  it('shows a dash, not NaN, when there is no amount', () => {
    expect(formatMoney(null, 'zh-CN')).toBe('—')
    expect(formatMoney(undefined, 'en')).toBe('—')
  })
})

describe('quantities', () => {
  it('names jobs, training places and goods in the reader’s language', () => {
    expect(formatQuantity(3, 'job', 'zh-CN', zh)).toBe('3 个岗位')
    expect(formatQuantity(3, 'job', 'en', en)).toBe('3 jobs')
    expect(formatQuantity(1200, 'item:大米', 'zh-CN', zh)).toBe('1,200 件大米')
    expect(formatQuantity(50000, 'CNY', 'en', en)).toBe('¥50,000')
  })

  it('puts money first when a total mixes units', () => {
    expect(formatAmounts({ job: 2, CNY: 30000 }, 'zh-CN', zh)).toBe('¥30,000 · 2 个岗位')
    expect(formatAmounts({}, 'en', en)).toBe('¥0')
  })
})

describe('dates', () => {
  it('writes a calendar day per locale without shifting it by time zone', () => {
    expect(formatDate('2018-10-17', 'zh-CN')).toBe('2018年10月17日')
    expect(formatDate('2018-10-17', 'en')).toBe('October 17, 2018')
    expect(formatDate(null, 'en')).toBe('—')
  })
})

describe('goods named by a code', () => {
  it('reads in words when the catalogue knows the code, and as typed otherwise', () => {
    const zhI = makeI18n('zh-CN').global
    expect(formatQuantity(72, 'item:school-uniform', 'zh-CN', zhI.t, zhI.te)).toBe('72 件校服')
    expect(formatQuantity(20, 'item:大米', 'zh-CN', zhI.t, zhI.te)).toBe('20 件大米')
    const en = makeI18n('en').global
    expect(formatQuantity(72, 'item:school-uniform', 'en', en.t, en.te)).toBe('72 × school uniforms')
  })
})
