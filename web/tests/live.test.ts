import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { coalesce, parseFrames, useLive } from '../src/live'

describe('live changes from the server', () => {
  it('reads complete frames, skips keep-alives and keeps an unfinished frame for the next chunk', () => {
    const text =
      ': connected\n\nevent: change\ndata: {"type":"allocation.confirmed","id":"7"}\n\nevent: change\ndata: {"type":"need'
    const { changes, rest } = parseFrames(text)
    expect(changes).toEqual([{ type: 'allocation.confirmed', id: '7' }])
    const next = parseFrames(rest + '.published","id":"8"}\n\n')
    expect(next.changes).toEqual([{ type: 'need.published', id: '8' }])
    expect(next.rest).toBe('')
  })
})

describe('reloads on live changes', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('reload at once, then at most once per 500 ms, with every change of a burst handed over', () => {
    vi.useFakeTimers()
    const calls: number[][] = []
    const batches = coalesce<number>((b) => calls.push(b), 500)
    batches.push(1)
    expect(calls).toEqual([[1]])
    for (let i = 2; i <= 50; i++) batches.push(i) // a round proposing many allocations at once
    expect(calls).toHaveLength(1)
    vi.advanceTimersByTime(499)
    expect(calls).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(calls).toHaveLength(2)
    expect(calls[1]).toHaveLength(49)
    expect(calls[1][48]).toBe(50)
    // quiet afterwards: nothing more, and the next change goes at once again
    vi.advanceTimersByTime(2000)
    expect(calls).toHaveLength(2)
    batches.push(51)
    expect(calls).toEqual([[1], calls[1], [51]])
  })

  it('drops what is pending when the screen closes', () => {
    vi.useFakeTimers()
    const run = vi.fn()
    const batches = coalesce<number>(run, 500)
    batches.push(1)
    batches.push(2)
    batches.cancel()
    vi.advanceTimersByTime(1000)
    expect(run).toHaveBeenCalledTimes(1)
  })
})

describe('the stream and the back/forward cache', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('closes when the page is hidden, stays closed while hidden, and opens again when the page comes back', async () => {
    const signals: AbortSignal[] = []
    vi.stubGlobal('fetch', (_url: string, init: RequestInit) => {
      const signal = init.signal as AbortSignal
      signals.push(signal)
      return new Promise((_resolve, reject) => {
        signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
      })
    })
    const Screen = defineComponent({
      setup() {
        useLive(['need'], () => {})
        return () => h('div')
      },
    })
    const w = mount(Screen)
    await flushPromises()
    expect(signals).toHaveLength(1)

    window.dispatchEvent(new Event('pagehide'))
    await flushPromises()
    expect(signals[0].aborted).toBe(true)
    expect(signals).toHaveLength(1) // no new stream for a hidden page

    const shown = new Event('pageshow')
    Object.defineProperty(shown, 'persisted', { value: true })
    window.dispatchEvent(shown)
    await flushPromises()
    expect(signals).toHaveLength(2)
    expect(signals[1].aborted).toBe(false)

    w.unmount()
    await flushPromises()
    expect(signals[1].aborted).toBe(true)
  })
})
