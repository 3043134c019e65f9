import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { makeI18n, type Locale } from '../src/i18n'
import { installGuards, routes } from '../src/router'

/** Plugins a view needs, with an in-memory router carrying the real routes and guards. */
export function setup(locale: Locale = 'zh-CN') {
  const pinia = createPinia()
  setActivePinia(pinia)
  const i18n = makeI18n(locale)
  const router = createRouter({ history: createMemoryHistory(), routes })
  installGuards(router)
  return { pinia, i18n, router, plugins: [pinia, i18n, router] }
}

export function jsonResponse(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

export function signInAs(role: string, extra: Record<string, unknown> = {}) {
  localStorage.setItem(
    'bangfu.session',
    JSON.stringify({
      token: 't',
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      user: {
        id: 1,
        username: 'u',
        displayName: '测试',
        role,
        villageId: null,
        regionId: null,
        donorId: null,
        ...extra,
      },
    }),
  )
}
