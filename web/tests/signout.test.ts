import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { watch } from 'vue'
import App from '../src/App.vue'
import { configureClient } from '../src/api/client'
import { useAuthStore } from '../src/stores/auth'
import { jsonResponse, setup, signInAs } from './helpers'

describe('signing out', () => {
  it('leaves the workspace before the session is forgotten, so no screen asks without it', async () => {
    signInAs('donor', { donorId: 7 })
    const { plugins, router } = setup()
    const auth = useAuthStore()
    configureClient(
      () => auth.token,
      () => {},
    )
    const unsigned: string[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input)
        const signed = new Headers(init?.headers).has('Authorization')
        if (!signed && !url.includes('/public') && !url.includes('/demo')) unsigned.push(url)
        if (url.startsWith('/api/v1/events')) return new Response(new ReadableStream(), { status: 200 })
        return jsonResponse(200, { items: [], total: 0, page: 1, size: 20 })
      }),
    )
    await router.push('/donor')
    const w = mount(App, { global: { plugins }, attachTo: document.body })
    await vi.waitFor(() => expect(w.find('[data-test=tab-pledges]').exists()).toBe(true), { timeout: 20_000 })
    await flushPromises()
    let whereForgotten = ''
    watch(
      () => auth.session,
      (s) => {
        if (!s) whereForgotten = router.currentRoute.value.path
      },
      { flush: 'sync' },
    )
    await w.get('[data-test=sign-out]').trigger('click')
    await vi.waitFor(() => expect(auth.signedIn).toBe(false), { timeout: 20_000 })
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/signin')
    expect(whereForgotten).toBe('/signin')
    expect(unsigned, unsigned.join('\n')).toEqual([])
    w.unmount()
    vi.unstubAllGlobals()
  })
})
