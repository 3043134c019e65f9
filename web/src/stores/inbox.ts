import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api } from '../api/endpoints'
import type { InboxCounts } from '../api/types'

/**
 * The header's part of the inbox: how many open deadlines the user has unread and how many are
 * late, and the name the signed-in user goes by (a donor account shows its company's or person's
 * name, not the account's id).
 */
export const useInboxStore = defineStore('inbox', () => {
  const unread = ref(0)
  const counts = ref<InboxCounts | null>(null)
  const donorName = ref<string | null>(null)
  let donorOf: number | null = null

  async function refresh() {
    try {
      const c = await api.unreadCount()
      counts.value = c
      unread.value = c.unread
    } catch {
      // the count stays as it was; the header is no place for an error
    }
  }

  async function loadDonorName(donorId: number | null | undefined) {
    if (!donorId) {
      donorName.value = null
      donorOf = null
      return
    }
    if (donorOf === donorId && donorName.value) return
    donorOf = donorId
    try {
      donorName.value = (await api.donor(donorId)).name
    } catch {
      donorName.value = null
    }
  }

  function clear() {
    unread.value = 0
    counts.value = null
    donorName.value = null
    donorOf = null
  }

  return { unread, counts, donorName, refresh, loadDonorName, clear }
})
