import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import StateBlock from '../src/components/StateBlock.vue'
import PagedList from '../src/components/PagedList.vue'
import NeedEdit from '../src/views/secretary/NeedEdit.vue'
import { ApiError, configureClient } from '../src/api/client'
import { usePagedList } from '../src/composables'
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

describe('PagedList', () => {
  /** A list of `total` numbered items served `size` at a time, as the API would (capped: it stopped counting). */
  function served(total: number, size: number, capped = false) {
    const loader = vi.fn(async (page: number) => ({
      items: Array.from(
        { length: Math.max(0, Math.min(size, total - (page - 1) * size)) },
        (_, i) => (page - 1) * size + i,
      ),
      total,
      page,
      size,
      ...(capped ? { totalCapped: true } : {}),
    }))
    return { list: usePagedList<number>((page) => loader(page), size), loader }
  }
  const mountList = (list: ReturnType<typeof served>['list'], plugins: unknown[]) =>
    mount(PagedList<number>, {
      props: { list },
      slots: {
        default: `<template #default="{ items }"><i v-for="n in items" :key="n" data-test="row">{{ n }}</i></template>`,
      },
      global: { plugins: plugins as never[] },
    })

  it('reads nothing once its screen has gone (a step answered after the user left)', async () => {
    const loader = vi.fn(async () => ({ items: [1], total: 1, page: 1, size: 10 }))
    let list: ReturnType<typeof usePagedList<number>> | undefined
    const Screen = defineComponent({
      setup() {
        list = usePagedList<number>(() => loader(), 10)
        return () => h('i')
      },
    })
    const w = mount(Screen)
    await list!.reload()
    expect(loader).toHaveBeenCalledTimes(1)
    w.unmount()
    await list!.reload()
    expect(loader).toHaveBeenCalledTimes(1)
  })

  it('shows how many of how many, and reads the next page on "load more" until all are shown', async () => {
    const { plugins } = setup('zh-CN')
    const { list, loader } = served(25, 10)
    await list.reload()
    const w = mountList(list, plugins)
    expect(w.findAll('[data-test=row]')).toHaveLength(10)
    expect(w.find('[data-test="list-count"]').text()).toBe('已显示 10 / 共 25 条')
    await w.find('[data-test="load-more"]').trigger('click')
    await flushPromises()
    await w.find('[data-test="load-more"]').trigger('click')
    await flushPromises()
    expect(loader.mock.calls.map((c) => c[0])).toEqual([1, 2, 3])
    expect(w.findAll('[data-test=row]')).toHaveLength(25)
    expect(w.find('[data-test="list-count"]').text()).toBe('已全部显示（共 25 条）')
    expect(w.find('[data-test="load-more"]').exists()).toBe(false)
  })

  it('says "more than" when the server stopped counting, and still offers more', async () => {
    const { list } = served(1000, 20, true)
    await list.reload()
    const zh = mountList(list, setup('zh-CN').plugins)
    expect(zh.find('[data-test="list-count"]').text()).toContain('超过 1,000 条')
    expect(zh.find('[data-test="load-more"]').exists()).toBe(true)
    const en = mountList(list, setup('en').plugins)
    expect(en.find('[data-test="list-count"]').text()).toContain('more than 1,000')
  })

  it('says so when the list is empty or failed, and reads it again on "retry"', async () => {
    const { plugins } = setup('zh-CN')
    const empty = served(0, 20)
    await empty.list.reload()
    const e = mountList(empty.list, plugins)
    expect(e.find('[data-test="state-empty"]').exists()).toBe(true)
    expect(e.find('[data-test="list-footer"]').exists()).toBe(false)
    let fail = true
    const loader = vi.fn(async () => {
      if (fail) throw new ApiError(0, 'network', 'network')
      return { items: [7], total: 1, page: 1, size: 20 }
    })
    const flaky = usePagedList<number>(() => loader(), 20)
    await flaky.reload()
    const f = mountList(flaky, plugins)
    expect(f.find('[data-test="state-error"]').text()).toContain('连不上服务器')
    fail = false
    await f.find('[data-test="state-error"] button').trigger('click')
    await flushPromises()
    expect(f.findAll('[data-test=row]').map((r) => r.text())).toEqual(['7'])
    expect(f.find('[data-test="list-count"]').text()).toBe('已全部显示（共 1 条）')
  })
})
