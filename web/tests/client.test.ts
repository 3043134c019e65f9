import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, configureClient, http, withQuery } from '../src/api/client'

function respond(status: number, body: unknown) {
  return vi.fn(
    async () =>
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      }),
  )
}

afterEach(() => {
  vi.unstubAllGlobals()
  configureClient(
    () => null,
    () => {},
  )
})

describe('API client', () => {
  it('sends the token and parses JSON', async () => {
    const fetchMock = respond(200, { id: 1 })
    vi.stubGlobal('fetch', fetchMock)
    configureClient(
      () => 'tok',
      () => {},
    )
    expect(await http.get('/me')).toEqual({ id: 1 })
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/v1/me')
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer tok')
  })

  it('turns a validation answer into field errors', async () => {
    vi.stubGlobal(
      'fetch',
      respond(400, {
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
      }),
    )
    const error = (await http.post('/needs', {}).catch((e: unknown) => e)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(400)
    const text = (f: { code: string }) => `[${f.code}]`
    expect(error.fieldReason('quantity', text)).toBe('[out_of_range]')
    expect(error.fieldMap(text)).toEqual({ quantity: '[out_of_range]' })
  })

  it('signs out on 401 when a token was sent', async () => {
    vi.stubGlobal('fetch', respond(401, { error: 'unauthorized', message: 'expired' }))
    const signedOut = vi.fn()
    configureClient(() => 'old', signedOut)
    await expect(http.get('/me')).rejects.toMatchObject({ code: 'unauthorized' })
    expect(signedOut).toHaveBeenCalledOnce()
  })

  it('keeps a status when the body is not JSON, and reports a network failure', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>bad gateway</html>', { status: 502 })),
    )
    await expect(http.get('/x')).rejects.toMatchObject({ status: 502, code: 'internal' })
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch')
      }),
    )
    await expect(http.get('/x')).rejects.toMatchObject({ status: 0, code: 'network' })
  })

  it('leaves empty filters out of the query', () => {
    expect(withQuery('/needs', { q: '', category: 'education', page: 1, county: null })).toBe(
      '/needs?category=education&page=1',
    )
  })
})
