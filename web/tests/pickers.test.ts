import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import RegionPicker from '../src/components/RegionPicker.vue'
import SearchPicker from '../src/components/SearchPicker.vue'
import { configureClient } from '../src/api/client'
import { pathText, priorityText, regionOption, regionSearch, subjectOption } from '../src/pickers'
import { makeI18n } from '../src/i18n'
import { jsonResponse, setup } from './helpers'

beforeEach(() => {
  localStorage.clear()
  configureClient(
    () => null,
    () => {},
  )
})
afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

const FUTING = { id: '350524-T01-V01', name: '福亭村', level: 'village', path: ['安溪县', '龙门镇', '福亭村'] }
const OTHER_FUTING = { id: '350525-T03-V02', name: '福亭村', level: 'village', path: ['永春县', '桃城镇', '福亭村'] }

/** Types into the picker as a person would, and waits for the server's answer to show. */
async function typeInto(wrapper: ReturnType<typeof mount>, words: string) {
  const input = wrapper.find('input')
  await input.trigger('focus')
  await input.trigger('click')
  await input.setValue(words)
  await new Promise((r) => setTimeout(r, 450)) // the select's own wait before it asks
  await flushPromises()
}

describe('the region picker', () => {
  it('asks for the words typed at the levels given, and tells same-named villages apart by their path', async () => {
    const fetch = vi.fn(async (_url: RequestInfo | URL) => jsonResponse(200, { items: [FUTING, OTHER_FUTING] }))
    vi.stubGlobal('fetch', fetch)
    const { plugins } = setup('zh-CN')
    const wrapper = mount(RegionPicker, {
      props: { modelValue: null, levels: ['village'], within: '3505' },
      global: { plugins },
      attachTo: document.body,
    })
    await typeInto(wrapper, '福亭')
    const url = decodeURIComponent(String(fetch.mock.calls[0][0]))
    expect(url).toContain('/regions/search?')
    expect(url).toContain('q=福亭')
    expect(url).toContain('level=village')
    expect(url).toContain('within=3505')
    expect(document.body.textContent).toContain('安溪县 · 龙门镇 · 福亭村')
    expect(document.body.textContent).toContain('永春县 · 桃城镇 · 福亭村')
    const options = [...document.querySelectorAll('.el-select-dropdown__item')]
    const anxi = options.find((o) => o.textContent?.includes('安溪县')) as HTMLElement
    anxi.click()
    await flushPromises()
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual(['350524-T01-V01'])
    wrapper.unmount()
  })

  it('says in words that it found nothing, or that the search failed', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(200, { items: [] })),
    )
    const { plugins } = setup('zh-CN')
    const empty = mount(RegionPicker, {
      props: { modelValue: null, levels: ['county'] },
      global: { plugins },
      attachTo: document.body,
    })
    await typeInto(empty, '不存在')
    expect(document.body.textContent).toContain('没有找到')
    empty.unmount()
    document.body.innerHTML = ''

    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(503, { error: 'unavailable', message: 'x' })),
    )
    const failing = mount(SearchPicker, {
      props: { modelValue: null, search: regionSearch(['county']) },
      global: { plugins },
      attachTo: document.body,
    })
    await typeInto(failing, '安溪')
    expect(document.body.textContent).toContain('查找失败')
    failing.unmount()
  })

  it('shows the name of a value chosen before, not its code', async () => {
    const { plugins } = setup('zh-CN')
    const wrapper = mount(SearchPicker, {
      props: {
        modelValue: '350524',
        search: async () => [],
        known: [{ value: '350524', label: '安溪县' }],
      },
      global: { plugins },
      attachTo: document.body,
    })
    await flushPromises()
    expect(wrapper.text()).toContain('安溪县')
    expect(wrapper.text()).not.toContain('350524')
    wrapper.unmount()
  })
})

describe('what a picker offers', () => {
  const { t } = makeI18n('zh-CN').global
  const fmt = {
    quantity: (q: number, u: string) => (u === 'CNY' ? `¥${q}` : `${q} ${u}`),
    date: (d?: string | null) => d ?? '',
  }

  it('reads a place as its path', () => {
    expect(pathText(['安溪县', '龙门镇', '福亭村'])).toBe('安溪县 · 龙门镇 · 福亭村')
    expect(regionOption({ id: '350524', name: '安溪县', level: 'county', path: ['安溪县'] }).detail).toBeUndefined()
    expect(regionOption(FUTING as never)).toEqual({
      value: '350524-T01-V01',
      label: '福亭村',
      detail: '安溪县 · 龙门镇 · 福亭村',
    })
  })

  it('names a need with its place and its priority in words and a mark', () => {
    const need = subjectOption(
      {
        kind: 'need',
        id: '42',
        label: '危房改造',
        path: ['安溪县', '龙门镇', '福亭村'],
        priority: 4,
        category: 'housing',
        donorName: null,
        donorType: null,
        unit: null,
        quantity: null,
        at: null,
      },
      t,
      fmt,
    )
    expect(need.label).toBe('危房改造')
    expect(need.detail).toBe('安溪县 · 龙门镇 · 福亭村 ★★★★☆ 较急')
    expect(priorityText(5, t)).toBe('★★★★★ 紧急')
    expect(priorityText(1, t)).toBe('★☆☆☆☆ 不急')
    expect(priorityText(null, t)).toBe('')
  })

  it('names an allocation by its donor, place, amount and day of verification', () => {
    const allocation = subjectOption(
      {
        kind: 'allocation',
        id: '7',
        label: '校服',
        path: ['安溪县', '龙门镇', '福亭村'],
        priority: null,
        category: null,
        donorName: '泉州某实业',
        donorType: null,
        unit: 'CNY',
        quantity: 5000,
        at: '2026-11-02',
      },
      t,
      fmt,
    )
    expect(allocation.detail).toBe('泉州某实业 → 安溪县 · 龙门镇 · 福亭村 ¥5000 2026-11-02 核实')
  })
})
