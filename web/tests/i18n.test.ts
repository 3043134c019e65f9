import { describe, expect, it } from 'vitest'
import zhCN from '../src/i18n/zh-CN'
import en from '../src/i18n/en'
import { CATEGORIES } from '../src/api/types'
import { makeI18n } from '../src/i18n'

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  )
}

describe('message catalogues', () => {
  it('have exactly the same keys in Chinese and English', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort())
  })

  it('leave no message empty', () => {
    for (const catalogue of [zhCN, en]) {
      const empty = keys(catalogue).filter((k) => {
        const value = k.split('.').reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], catalogue)
        return typeof value !== 'string' || value.trim() === ''
      })
      expect(empty).toEqual([])
    }
  })

  it('name every need category of the API in both languages', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const { t, te } = makeI18n(locale).global
      for (const c of CATEGORIES) {
        expect(te(`category.${c}`), `${locale} category.${c}`).toBe(true)
        expect(t(`category.${c}`)).not.toContain('category.')
      }
    }
  })

  it('resolves keys with hyphens and fills placeholders', () => {
    const { t } = makeI18n('zh-CN').global
    expect(t('reason.paired-village')).toBe('结对帮扶村')
    expect(t('unit.training-place')).toBe('培训名额')
    expect(t('reviewer.similar', { n: 2 })).toBe('同村同类需求 2 条')
    expect(makeI18n('en').global.t('qty.item', { n: 3, what: 'rice' })).toBe('3 × rice')
  })

  it('defaults to Simplified Chinese', () => {
    localStorage.clear()
    expect(makeI18n().global.locale.value).toBe('zh-CN')
  })

  it('keeps the English choice across visits', async () => {
    const { setLocale, storedLocale } = await import('../src/i18n')
    setLocale('en')
    expect(storedLocale()).toBe('en')
    expect(makeI18n().global.locale.value).toBe('en')
    setLocale('zh-CN')
    expect(storedLocale()).toBe('zh-CN')
  })
})
