// Live screens: the server pushes what changed (Server-Sent Events on /api/v1/events, each
// event only to those allowed to see it); a screen reloads what it shows when a change it cares
// about arrives. Read with fetch rather than EventSource so the token goes in a header.
import { onBeforeUnmount, onMounted } from 'vue'
import { BASE, authHeaders } from './api/client'

/** A change as the server announces it: no personal data, only what to reload. */
export interface Change {
  type: string
  id: string
  status?: string | null
  villageId?: string | null
}

/**
 * Splits a Server-Sent Events text into its complete frames' data; answers them and the
 * unfinished rest (to be prefixed to the next chunk).
 */
export function parseFrames(buffer: string): { changes: Change[]; rest: string } {
  const changes: Change[] = []
  const frames = buffer.split('\n\n')
  const rest = frames.pop() ?? ''
  for (const frame of frames) {
    const data = frame
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trimStart())
      .join('\n')
    if (!data) continue // a comment (keep-alive) or an empty frame
    try {
      changes.push(JSON.parse(data) as Change)
    } catch {
      // a frame we cannot read is skipped; the next reload shows the truth anyway
    }
  }
  return { changes, rest }
}

/** Listens while the calling component lives; reconnects after a pause when the stream ends. */
export function useLive(types: string[], onChange: (c: Change) => void, retryMs = 5000) {
  let stopped = false
  let controller: AbortController | null = null
  const wanted = (c: Change) => types.some((t) => c.type === t || c.type.startsWith(`${t}.`))

  async function connect() {
    while (!stopped) {
      controller = new AbortController()
      try {
        const response = await fetch(`${BASE}/events`, { headers: authHeaders(), signal: controller.signal })
        if (!response.ok || !response.body) throw new Error(String(response.status))
        const reader = response.body.getReader()
        const decoder = new TextDecoder()
        let buffer = ''
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          const parsed = parseFrames(buffer + decoder.decode(value, { stream: true }))
          buffer = parsed.rest
          parsed.changes.filter(wanted).forEach(onChange)
        }
      } catch {
        // the server went away or we were stopped: wait and try again
      }
      if (!stopped) await new Promise((r) => setTimeout(r, retryMs))
    }
  }

  onMounted(() => {
    void connect()
  })
  onBeforeUnmount(() => {
    stopped = true
    controller?.abort()
  })
}
