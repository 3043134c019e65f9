import { computed, getCurrentScope, onScopeDispose, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError, type FieldText } from './api/client'
import { formatAmounts, formatDate, formatDateTime, formatMoney, formatNumber, formatQuantity } from './format'
import type { Amounts, Page } from './api/types'

/** Locale-bound formatters for templates. */
export function useFormat() {
  const { t, te, locale } = useI18n()
  return {
    money: (n: number | null | undefined) => formatMoney(n, locale.value),
    number: (n: number | null | undefined) => formatNumber(n, locale.value),
    quantity: (q: number, unit: string) => formatQuantity(q, unit, locale.value, t, te),
    amounts: (a: Amounts | null | undefined) => formatAmounts(a, locale.value, t, te),
    date: (d: string | null | undefined) => formatDate(d, locale.value),
    dateTime: (d: string | null | undefined) => formatDateTime(d, locale.value),
  }
}

/** The words a user sees for an error: never a stack trace or a raw code. */
/**
 * A field error in the reader's language: the API's stable code through the catalogue's
 * fieldErrors (with the values it names), never the API's English text.
 */
export function useFieldErrorText(): FieldText {
  const { t, te } = useI18n()
  return (f) => {
    const key = `fieldErrors.${f.code}`
    return te(key) ? t(key, { ...(f.params ?? {}) }) : t('fieldErrors.invalid')
  }
}

export function useErrorText() {
  const { t, te, locale } = useI18n()
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      const key = `errors.${error.code}`
      const general = te(key) ? t(key) : t('errors.internal')
      // the API's own message (in English) says what exactly went wrong; it helps an English
      // reader and would only be noise in a Chinese sentence
      if (
        locale.value === 'en' &&
        (error.code === 'conflict' || error.code === 'validation') &&
        error.message &&
        error.fields.length === 0
      ) {
        return `${general} (${error.message})`
      }
      return general
    }
    return t('errors.internal')
  }
}

/**
 * A form that sends one request: its busy flag, the API's field errors (shown next to their
 * fields) and any other error in words.
 */
export function useFormSubmit() {
  const errorText = useErrorText()
  const fieldText = useFieldErrorText()
  const fieldErrors = ref<Record<string, string>>({})
  const formError = ref('')
  const busy = ref(false)
  function reset() {
    fieldErrors.value = {}
    formError.value = ''
  }
  /** Sends the request; true when it went through. */
  async function send(request: () => Promise<unknown>): Promise<boolean> {
    busy.value = true
    try {
      await request()
      return true
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) fieldErrors.value = e.fieldMap(fieldText)
      else formError.value = errorText(e)
      return false
    } finally {
      busy.value = false
    }
  }
  return { fieldErrors, formError, busy, reset, send }
}

/** Loading/error state of one fetch, for StateBlock. */
/**
 * Whether the screen that made a list or a load has gone. A step's answer can arrive after its
 * screen was left (the donor signed out while a delivery report was on its way): the reload that
 * follows the step would then be sent without a session and refused, so a gone screen reads nothing.
 */
function screenGone(): () => boolean {
  let gone = false
  if (getCurrentScope()) onScopeDispose(() => (gone = true))
  return () => gone
}

export function useLoad<T>(loader: () => Promise<T>) {
  const data = ref<T | null>(null)
  const loading = ref(false)
  const error = ref<unknown>(null)
  const gone = screenGone()
  async function load() {
    if (gone()) return
    loading.value = true
    error.value = null
    try {
      data.value = (await loader()) as T
    } catch (e) {
      error.value = e
    } finally {
      loading.value = false
    }
  }
  return { data, loading, error, load }
}

/**
 * A list read page by page, as PagedList.vue shows it: the items so far, how many match in all
 * (capped: the server stopped counting there), its state, and the ways to read it again or on.
 */
export interface PagedList<T> {
  items: Readonly<Ref<T[]>>
  total: Readonly<Ref<number>>
  capped: Readonly<Ref<boolean>>
  loading: Readonly<Ref<boolean>>
  error: Readonly<Ref<unknown>>
  loaded: Readonly<Ref<boolean>>
  hasMore: Readonly<Ref<boolean>>
  reload: () => Promise<void>
  more: () => Promise<void>
}

/**
 * A list read page by page ("load more"): the items so far, how many there are in all, and
 * whether more remain, so a view never cuts a list without saying so.
 */
export function usePagedList<T>(
  loader: (page: number, size: number) => Promise<Page<T> | T[]>,
  size = 20,
): PagedList<T> & { items: Ref<T[]> } {
  const items = ref<T[]>([]) as Ref<T[]>
  const total = ref(0)
  /** The server stopped counting at `total` (a national list): there are more. */
  const capped = ref(false)
  const page = ref(0)
  const loading = ref(false)
  const error = ref<unknown>(null)
  const loaded = ref(false)
  let generation = 0
  const gone = screenGone()
  async function fetchPage(p: number, replace: boolean) {
    if (gone()) return
    const mine = ++generation
    loading.value = true
    error.value = null
    try {
      const data = await loader(p, size)
      if (mine !== generation) return
      const got = Array.isArray(data) ? data : (data.items ?? [])
      items.value = replace ? got : [...items.value, ...got]
      total.value = Array.isArray(data) ? items.value.length : (data.total ?? items.value.length)
      capped.value = !Array.isArray(data) && data.totalCapped === true && got.length > 0
      page.value = p
      loaded.value = true
    } catch (e) {
      if (mine === generation) error.value = e
    } finally {
      if (mine === generation) loading.value = false
    }
  }
  /** From the first page again (filters changed, something was done). */
  const reload = () => fetchPage(1, true)
  const more = () => fetchPage(page.value + 1, false)
  const hasMore = computed(() => items.value.length < total.value || capped.value)
  return { items, total, capped, loading, error, loaded, hasMore, reload, more }
}

/**
 * Two paged lists shown as one (received, then verified): items one after the other, totals
 * added, "more" reads on in the first until it is done, then in the second.
 */
export function joinPagedLists<T>(first: PagedList<T>, second: PagedList<T>): PagedList<T> {
  return {
    items: computed(() => [...first.items.value, ...second.items.value]),
    total: computed(() => first.total.value + second.total.value),
    capped: computed(() => first.capped.value || second.capped.value),
    loading: computed(() => first.loading.value || second.loading.value),
    error: computed(() => first.error.value ?? second.error.value),
    loaded: computed(() => first.loaded.value && second.loaded.value),
    hasMore: computed(() => first.hasMore.value || second.hasMore.value),
    reload: async () => {
      await Promise.all([first.reload(), second.reload()])
    },
    more: () => (first.hasMore.value ? first.more() : second.more()),
  }
}
