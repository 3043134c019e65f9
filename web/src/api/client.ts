import type { ErrorBody, FieldError } from './types'

/** Puts a field error in the reader's language (see useFieldErrorText). */
export type FieldText = (f: FieldError) => string

/** An error the API answered with (or a network failure, status 0), in a shape views can show. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly fields: FieldError[]

  constructor(status: number, code: string, message: string, fields: FieldError[] = []) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.fields = fields
  }

  /** What is wrong with one field, in the reader's language, if the API named it. */
  fieldReason(field: string, text: FieldText): string | undefined {
    const f = this.fields.find((x) => x.field === field)
    return f ? text(f) : undefined
  }

  /** Field name → what is wrong with it (in the reader's language), for binding to form items. */
  fieldMap(text: FieldText): Record<string, string> {
    const map: Record<string, string> = {}
    for (const f of this.fields) map[f.field] = text(f)
    return map
  }
}

export const BASE = '/api/v1'

type TokenSource = () => string | null
type UnauthorizedListener = () => void

let tokenSource: TokenSource = () => null
let onUnauthorized: UnauthorizedListener = () => {}

/** Wires the client to the auth store without an import cycle. */
export function configureClient(source: TokenSource, unauthorized: UnauthorizedListener) {
  tokenSource = source
  onUnauthorized = unauthorized
}

export type Query = Record<string, string | number | boolean | null | undefined>

export function withQuery(path: string, query?: Query): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

async function errorFrom(response: Response): Promise<ApiError> {
  let body: Partial<ErrorBody> = {}
  try {
    body = (await response.json()) as Partial<ErrorBody>
  } catch {
    // not JSON (a proxy's page, an empty body): keep the status alone
  }
  return new ApiError(
    response.status,
    body.error ?? statusCode(response.status),
    body.message ?? response.statusText ?? '',
    Array.isArray(body.fields) ? body.fields : [],
  )
}

function statusCode(status: number): string {
  if (status === 400) return 'validation'
  if (status === 401) return 'unauthorized'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'not_found'
  if (status === 409) return 'conflict'
  if (status === 429) return 'too_many_requests'
  if (status === 503) return 'unavailable'
  return 'internal'
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  const token = tokenSource()
  if (token) headers.Authorization = `Bearer ${token}`
  // a file (a department's warning file) is sent as it is, with its own type; anything else as JSON
  const raw = body instanceof Blob
  if (raw) headers['Content-Type'] = body.type || 'application/octet-stream'
  else if (body !== undefined) headers['Content-Type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(BASE + path, {
      method,
      headers,
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    })
  } catch {
    throw new ApiError(0, 'network', 'network')
  }
  if (!response.ok) {
    const error = await errorFrom(response)
    if (response.status === 401 && token) onUnauthorized()
    throw error
  }
  if (response.status === 204) return undefined as T
  const text = await response.text()
  return (text ? JSON.parse(text) : undefined) as T
}

export const http = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
}

/** The headers that carry the signed-in user's token, if any. */
export function authHeaders(): Record<string, string> {
  const token = tokenSource()
  return token ? { Authorization: `Bearer ${token}` } : {}
}

/** Bytes behind the token (evidence files), as a Blob. */
export async function fetchBlob(path: string): Promise<Blob> {
  const headers: Record<string, string> = {}
  const token = tokenSource()
  if (token) headers.Authorization = `Bearer ${token}`
  let response: Response
  try {
    response = await fetch(BASE + path, { headers })
  } catch {
    throw new ApiError(0, 'network', 'network')
  }
  if (!response.ok) throw await errorFrom(response)
  return response.blob()
}
