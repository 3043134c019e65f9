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

/**
 * Gathers calls so that `run` goes at most once per `ms`: the first change runs at once, changes
 * within the pause are handed over together once it ends, none is dropped.
 */
export function coalesce<T>(run: (batch: T[]) => void, ms: number) {
  let pending: T[] = []
  let timer: ReturnType<typeof setTimeout> | null = null
  function fire() {
    if (!pending.length) {
      timer = null
      return
    }
    const batch = pending
    pending = []
    run(batch)
    timer = setTimeout(fire, ms)
  }
  return {
    push(item: T) {
      pending.push(item)
      if (!timer) fire()
    },
    cancel() {
      if (timer) clearTimeout(timer)
      timer = null
      pending = []
    },
  }
}

export interface LiveOptions {
  /** At most one call of the handler per this many ms (changes in between come as one batch). */
  debounceMs?: number
}

// One stream per tab, shared by every screen and the header's badge: a browser keeps at most six
// connections to a host over HTTP/1.1, and a page whose parts each held a stream of their own
// left too few for its ordinary requests. The stream opens with the first listener and closes
// with the last.
type Listener = (change: Change) => void
const listeners = new Set<Listener>()
let streamController: AbortController | null = null
let streamRunning = false
// the page is hidden in the browser's back/forward cache: no stream until it is shown again
let paused = false
// whose stream it is: the token it was opened with ('' signed out)
let streamToken = ''

function currentToken(): string {
  return authHeaders().Authorization ?? ''
}
const RETRY_MS = 5000

async function runStream() {
  streamRunning = true
  while (listeners.size > 0 && !paused) {
    const controller = new AbortController()
    streamController = controller
    streamToken = currentToken()
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
        for (const change of parsed.changes) listeners.forEach((listen) => listen(change))
      }
    } catch {
      // the server went away, the user signed out, or the last listener left: wait and try again
    }
    // closed by us for want of listeners, and one came back: reconnect at once
    if (listeners.size > 0 && !controller.signal.aborted && !paused) await new Promise((r) => setTimeout(r, RETRY_MS))
  }
  streamController = null
  streamRunning = false
}

/**
 * A page left by a full navigation may be kept, frozen, in the browser's back/forward cache (up to
 * six pages in Chromium) with its stream still open; six such pages held every connection the
 * browser allows to the host, and the next page could not load at all. So the stream closes when
 * the page is hidden and opens again if the page comes back from that cache.
 */
export function pageHidden() {
  paused = true
  streamController?.abort()
}

export function pageShown() {
  paused = false
  if (listeners.size > 0 && !streamRunning) void runStream()
}

if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', pageHidden)
  window.addEventListener('pageshow', (e: PageTransitionEvent) => {
    if (e.persisted) pageShown()
  })
}

function listen(listener: Listener): () => void {
  listeners.add(listener)
  if (!streamRunning) void runStream()
  // someone signed in or out since the stream opened: it is reopened at once for them
  else if (streamToken !== currentToken()) streamController?.abort()
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0) streamController?.abort()
  }
}

/**
 * Listens while the calling component lives, on the tab's one stream. The
 * handler gets the changes since its last call, at most once per `debounceMs`, so a burst (a match
 * round proposing a hundred allocations) reloads a screen once or twice, not a hundred times.
 * Handlers reload lists and figures only, never a form the user is filling in.
 */
export function useLive(types: string[], onChange: (changes: Change[]) => void, options: LiveOptions = {}) {
  const { debounceMs = 500 } = options
  const wanted = (c: Change) => types.some((t) => c.type === t || c.type.startsWith(`${t}.`))
  const batches = coalesce(onChange, debounceMs)
  let stop: (() => void) | null = null

  onMounted(() => {
    stop = listen((c) => {
      if (wanted(c)) batches.push(c)
    })
  })
  onBeforeUnmount(() => {
    stop?.()
    batches.cancel()
  })
}
