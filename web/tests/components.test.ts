import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import StateBlock from '../src/components/StateBlock.vue'
import ListFooter from '../src/components/ListFooter.vue'
import NeedEdit from '../src/views/secretary/NeedEdit.vue'
import { ApiError, configureClient } from '../src/api/client'
import { useAuthStore } from '../src/stores/auth'
import { jsonResponse, setup, signInAs } from './helpers'

// Element Plus shows a form item's error after a short debounce
const settle = async () => {
  await flushPromises()
  await new Promise((resolve) => setTimeout(resolve, 150))
}

beforeEach(() => localStorage.clear())
afterEach(() => vi.unstubAllGlobals())

describe('StateBlock', () => {
  it('says in words that it is loading, empty, or failed', async () => {
    const { plugins } = setup('zh-CN')
    const loading = mount(StateBlock, { props: { loading: true }, global: { plugins } })
    expect(loading.text()).toBe('正在加载…')
    const empty = mount(StateBlock, { props: { empty: true, emptyText: '没有待审核的需求。' }, global: { plugins } })
    expect(empty.text()).toBe('没有待审核的需求。')
    const failed = mount(StateBlock, { props: { error: new ApiError(0, 'network', 'network') }, global: { plugins } })
    expect(failed.text()).toContain('连不上服务器')
    await failed.find('button').trigger('click')
    expect(failed.emitted('retry')).toHaveLength(1)
  })

  it("keeps a Chinese sentence free of the API's English detail, and gives it to English readers", () => {
    const conflict = new ApiError(409, 'conflict', 'need 3 is published; only a draft or rejected need can be edited')
    const zh = mount(StateBlock, { props: { error: conflict }, global: { plugins: setup('zh-CN').plugins } })
    expect(zh.text()).toContain('操作没有完成')
    expect(zh.text()).not.toContain('need 3')
    const en = mount(StateBlock, { props: { error: conflict }, global: { plugins: setup('en').plugins } })
    expect(en.text()).toContain('only a draft or rejected need can be edited')
  })

  it('never shows a raw error object', () => {
    const { plugins } = setup('en')
    const failed = mount(StateBlock, { props: { error: new Error('TypeError: x is undefined') }, global: { plugins } })
    expect(failed.text()).toContain('Something went wrong on the server')
    expect(failed.text()).not.toContain('TypeError')
  })
})

describe('need form', () => {
  it('shows the API’s field error next to the field it names', async () => {
    signInAs('village_secretary', { villageId: '350524-T03-V07' })
    const { plugins, router } = setup('en')
    const auth = useAuthStore()
    configureClient(
      () => auth.token,
      () => {},
    )
    const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url.startsWith('/api/v1/households')) return jsonResponse(200, { items: [], total: 0, page: 1, size: 100 })
      if (url === '/api/v1/needs' && init?.method === 'POST') {
        return jsonResponse(400, {
          error: 'validation',
          message: 'quantity must be between 1 and 1000000000000',
          fields: [
            {
              field: 'quantity',
              code: 'out_of_range',
              message: 'must be between 1 and 1000000000000',
              params: { min: 1, max: 1000000000000 },
            },
          ],
        })
      }
      return jsonResponse(404, { error: 'not_found', message: 'no' })
    })
    vi.stubGlobal('fetch', fetchMock)
    await router.push('/village/needs/new')
    const wrapper = mount(NeedEdit, { global: { plugins }, attachTo: document.body })
    await flushPromises()

    // the form's own checks first: nothing filled in
    await wrapper.find('[data-test="need-save"]').trigger('click')
    await settle()
    expect(wrapper.text()).toContain('Please fill this in')
    expect(fetchMock.mock.calls.some(([u, i]) => u === '/api/v1/needs' && i?.method === 'POST')).toBe(false)

    await wrapper.find('[data-test="need-title"]').setValue('School fees')
    await wrapper.find('[data-test="need-description"]').setValue('Two children')
    await wrapper.find('[data-test="need-quantity"]').setValue('5000')
    // pick a category through the component's model: the select's popper is not under test here
    const select = wrapper.findComponent({ name: 'ElSelect' })
    select.vm.$emit('update:modelValue', 1)
    const selects = wrapper.findAllComponents({ name: 'ElSelect' })
    selects[1].vm.$emit('update:modelValue', 'education')
    await flushPromises()
    await wrapper.find('[data-test="need-save"]').trigger('click')
    await settle()

    const quantityItem = wrapper.find('[data-test="need-quantity"]').element.closest('.el-form-item')!
    // the field's error in the reader's words, from its code, not the API's text
    expect(quantityItem.textContent).toContain('Enter a number from 1 to 1000000000000')
    expect(quantityItem.textContent).not.toContain('must be between')
    expect(wrapper.find('[data-test="need-form-error"]').text()).toContain('see the fields marked in red')
    wrapper.unmount()
  }, 30_000)
})

describe('auth store and routes', () => {
  it('sends a signed-out visitor of a workspace to sign in, and the public to the board', async () => {
    const { router } = setup()
    await router.push('/review')
    expect(router.currentRoute.value.path).toBe('/signin')
    expect(router.currentRoute.value.query.next).toBe('/review')
    await router.push('/')
    expect(router.currentRoute.value.path).toBe('/board')
  })

  it('takes each role to its own workspace and keeps others out', async () => {
    signInAs('donor', { donorId: 5 })
    const { router } = setup()
    await router.push('/')
    expect(router.currentRoute.value.path).toBe('/donor')
    await router.push('/review')
    expect(router.currentRoute.value.path).toBe('/donor')
  })

  it('forgets an expired session', () => {
    localStorage.setItem(
      'bangfu.session',
      JSON.stringify({
        token: 't',
        expiresAt: new Date(Date.now() - 1000).toISOString(),
        user: { role: 'donor' },
      }),
    )
    setup()
    expect(useAuthStore().signedIn).toBe(false)
  })

  it('signs in through the API and remembers the session', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        jsonResponse(200, {
          token: 'abc',
          expiresAt: new Date(Date.now() + 3600_000).toISOString(),
          user: {
            id: 2,
            username: 'sec',
            displayName: '王书记',
            role: 'village_secretary',
            villageId: 'V',
            regionId: null,
            donorId: null,
          },
        }),
      ),
    )
    setup()
    const auth = useAuthStore()
    await auth.signIn('sec', 'pw')
    expect(auth.home).toBe('/village')
    expect(JSON.parse(localStorage.getItem('bangfu.session')!).token).toBe('abc')
    auth.signOut()
    expect(localStorage.getItem('bangfu.session')).toBeNull()
  })
})

describe('ListFooter', () => {
  it('says "more than" when the server stopped counting, and still offers more', async () => {
    const { plugins } = setup('zh-CN')
    const capped = mount(ListFooter, { props: { shown: 20, total: 1000, capped: true }, global: { plugins } })
    expect(capped.find('[data-test="list-count"]').text()).toContain('超过 1,000 条')
    expect(capped.find('[data-test="load-more"]').exists()).toBe(true)
    const exact = mount(ListFooter, { props: { shown: 20, total: 1000 }, global: { plugins } })
    expect(exact.find('[data-test="list-count"]').text()).toContain('共 1,000 条')
    const en = mount(ListFooter, {
      props: { shown: 1000, total: 1000, capped: true },
      global: { plugins: setup('en').plugins },
    })
    expect(en.find('[data-test="list-count"]').text()).toContain('more than 1,000')
    expect(en.find('[data-test="load-more"]').exists()).toBe(true)
  })
})
