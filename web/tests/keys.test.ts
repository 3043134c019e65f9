import { describe, expect, it } from 'vitest'
import { makeI18n } from '../src/i18n'

// every source file of the app, as text (Vite reads them at test time)
const files = import.meta.glob(['../src/**/*.vue', '../src/**/*.ts', '!../src/**/*.d.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>

describe('every message key the code names', () => {
  it('exists in both catalogues, so no page shows a raw key', () => {
    const used = new Set<string>()
    expect(Object.keys(files).length).toBeGreaterThan(20)
    for (const text of Object.values(files)) {
      // t('a.b'), t("a.b"), te('a.b') and t('a.b', {...}) with a literal key
      for (const m of text.matchAll(/\bte?\(\s*['"]([a-zA-Z][\w.-]*\.[\w.-]+)['"]/g)) used.add(m[1])
    }
    expect(used.size).toBeGreaterThan(100)
    for (const locale of ['zh-CN', 'en'] as const) {
      const { te } = makeI18n(locale).global
      const missing = [...used].filter((key) => !te(key, locale))
      expect(missing, `${locale} lacks`).toEqual([])
    }
  })
})

describe('keys built from API values', () => {
  const families: Record<string, string[]> = {
    needStatus: [
      'draft',
      'submitted',
      'published',
      'rejected',
      'partly_allocated',
      'allocated',
      'fulfilled',
      'verified',
      'expired',
      'withdrawn',
    ],
    allocationStatus: ['proposed', 'confirmed', 'declined', 'delivered', 'received', 'verified', 'expired'],
    householdStatus: ['in_poverty', 'exited', 'returned', 'new', 'marginal'],
    roles: ['village_secretary', 'reviewer', 'donor', 'united_front', 'auditor', 'admin'],
    reason: [
      'paired-village',
      'hometown-village',
      'hometown-township',
      'hometown-county',
      'paired-county',
      'same-county',
    ],
    dashboard: [
      'pledged',
      'allocated',
      'confirmed',
      'delivered',
      'verified',
      'donorsEnrolled',
      'villagesPaired',
      'needsOpen',
      'needsPartlyCovered',
      'needsFullyCovered',
      'hollow',
      'weak',
    ],
    errors: [
      'validation',
      'unauthorized',
      'forbidden',
      'not_found',
      'conflict',
      'too_many_requests',
      'internal',
      'network',
    ],
  }
  for (const [family, values] of Object.entries(families)) {
    it(`covers every ${family} value in both languages`, () => {
      for (const locale of ['zh-CN', 'en'] as const) {
        const { te } = makeI18n(locale).global
        expect(
          values.filter((v) => !te(`${family}.${v}`, locale)),
          `${locale} ${family}`,
        ).toEqual([])
      }
    })
  }
})
