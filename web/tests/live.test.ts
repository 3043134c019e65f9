import { describe, expect, it } from 'vitest'
import { parseFrames } from '../src/live'

describe('live changes from the server', () => {
  it('reads complete frames, skips keep-alives and keeps an unfinished frame for the next chunk', () => {
    const text = ': connected\n\nevent: change\ndata: {"type":"allocation.confirmed","id":"7"}\n\nevent: change\ndata: {"type":"need'
    const { changes, rest } = parseFrames(text)
    expect(changes).toEqual([{ type: 'allocation.confirmed', id: '7' }])
    const next = parseFrames(rest + '.published","id":"8"}\n\n')
    expect(next.changes).toEqual([{ type: 'need.published', id: '8' }])
    expect(next.rest).toBe('')
  })
})
