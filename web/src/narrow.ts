// Whether the screen is a phone's (at most 600 px wide), for lists that show fewer, stacked columns
// there so that what matters — status and due date — is on screen without scrolling sideways.
import { onBeforeUnmount, onMounted, ref } from 'vue'

export const NARROW_QUERY = '(max-width: 600px)'

export function useNarrow() {
  const narrow = ref(typeof window !== 'undefined' && !!window.matchMedia?.(NARROW_QUERY).matches)
  let media: MediaQueryList | null = null
  const update = (e: MediaQueryListEvent) => (narrow.value = e.matches)
  onMounted(() => {
    media = window.matchMedia?.(NARROW_QUERY) ?? null
    if (!media) return
    narrow.value = media.matches
    media.addEventListener('change', update)
  })
  onBeforeUnmount(() => media?.removeEventListener('change', update))
  return narrow
}
