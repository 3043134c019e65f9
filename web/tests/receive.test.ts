import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ReceiveDialog from '../src/components/ReceiveDialog.vue'
import type { Allocation } from '../src/api/types'
import { jsonResponse, setup } from './helpers'

const delivered = {
  id: 7,
  needId: 3,
  needTitle: '助学金',
  villageId: 'V',
  villageName: '洋坑村',
  category: 'education',
  pledgeId: 1,
  donorId: 1,
  donorName: '测试实业有限公司',
  unit: 'CNY',
  quantity: 5000,
  reasons: [],
  source: 'claim',
  roundId: null,
  status: 'delivered',
  createdAt: '2018-10-01T00:00:00Z',
  updatedAt: '2018-10-02T00:00:00Z',
  returnedReason: null,
  revocableUntil: null,
} satisfies Allocation

const settle = async () => {
  await flushPromises()
  await new Promise((resolve) => setTimeout(resolve, 150))
  await flushPromises()
}

function choose(input: HTMLInputElement, files: File[]) {
  Object.defineProperty(input, 'files', { value: files, configurable: true })
  input.dispatchEvent(new Event('change'))
}

beforeEach(() => {
  document.body.innerHTML = ''
})
afterEach(() => vi.unstubAllGlobals())

describe('recording receipt', () => {
  it('asks for a photo or file and a note before it sends anything', async () => {
    const fetchMock = vi.fn()
    vi.stubGlobal('fetch', fetchMock)
    const { plugins } = setup('zh-CN')
    const wrapper = mount(ReceiveDialog, { props: { allocation: null }, global: { plugins }, attachTo: document.body })
    await wrapper.setProps({ allocation: delivered })
    await settle()
    ;(document.querySelector('[data-test=receive-submit]') as HTMLElement).click()
    await settle()
    const errors = [...document.querySelectorAll('.el-form-item__error')].map((e) => e.textContent?.trim())
    expect(errors).toEqual(['请填写此项', '请填写此项'])
    expect(fetchMock).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('refuses a file over 5 MB next to the file field', async () => {
    vi.stubGlobal('fetch', vi.fn())
    const { plugins } = setup('en')
    const wrapper = mount(ReceiveDialog, { props: { allocation: null }, global: { plugins }, attachTo: document.body })
    await wrapper.setProps({ allocation: delivered })
    await settle()
    const big = new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'big.jpg', { type: 'image/jpeg' })
    choose(document.querySelector('[data-test=receive-file]') as HTMLInputElement, [big])
    await settle()
    const field = document.querySelector('[data-test=receive-file]')!.closest('.el-form-item')!
    expect(field.textContent).toContain('File too large')
    wrapper.unmount()
  })

  it('refuses a fifth file next to the file field, as the API would', async () => {
    vi.stubGlobal('fetch', vi.fn())
    const { plugins } = setup('zh-CN')
    const wrapper = mount(ReceiveDialog, { props: { allocation: null }, global: { plugins }, attachTo: document.body })
    await wrapper.setProps({ allocation: delivered })
    await settle()
    const five = [1, 2, 3, 4, 5].map((n) => new File([new Uint8Array([n])], `p${n}.png`, { type: 'image/png' }))
    choose(document.querySelector('[data-test=receive-file]') as HTMLInputElement, five)
    await settle()
    const field = document.querySelector('[data-test=receive-file]')!.closest('.el-form-item')!
    expect(field.textContent).toContain('每次签收最多 4 个文件')
    wrapper.unmount()
  })

  it('sends the photo as base64 with its name and type, and says it is done', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, { ...delivered, status: 'received' }))
    vi.stubGlobal('fetch', fetchMock)
    const { plugins } = setup('zh-CN')
    const wrapper = mount(ReceiveDialog, { props: { allocation: null }, global: { plugins }, attachTo: document.body })
    await wrapper.setProps({ allocation: delivered })
    await settle()
    const photo = new File([new Uint8Array([137, 80, 78, 71])], 'photo.png', { type: 'image/png' })
    choose(document.querySelector('[data-test=receive-file]') as HTMLInputElement, [photo])
    const note = document.querySelector('textarea[data-test=receive-note]') as HTMLTextAreaElement
    note.value = '已发放'
    note.dispatchEvent(new Event('input'))
    await flushPromises()
    ;(document.querySelector('[data-test=receive-submit]') as HTMLElement).click()
    await settle()
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalled())
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/v1/allocations/7/receive')
    const body = JSON.parse(String(init.body))
    expect(body.note).toBe('已发放')
    expect(body.attachments).toEqual([{ name: 'photo.png', contentType: 'image/png', dataBase64: 'iVBORw==' }])
    await settle()
    expect(wrapper.emitted('received')).toHaveLength(1)
    wrapper.unmount()
  })
})
