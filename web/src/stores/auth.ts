import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api } from '../api/endpoints'
import type { Me, Role } from '../api/types'

const KEY = 'bangfu.session'

interface Session {
  token: string
  expiresAt: string
  user: Me
}

function readSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY)
    if (!raw) return null
    const s = JSON.parse(raw) as Session
    if (!s.token || !s.user || new Date(s.expiresAt).getTime() <= Date.now()) return null
    return s
  } catch {
    return null
  }
}

/** Where each role works. */
export const HOME_BY_ROLE: Record<Role, string> = {
  village_secretary: '/village',
  reviewer: '/review',
  donor: '/donor',
  united_front: '/dashboard',
  auditor: '/audit',
  admin: '/dashboard',
}

export const useAuthStore = defineStore('auth', () => {
  const session = ref<Session | null>(readSession())

  const user = computed(() => session.value?.user ?? null)
  const token = computed(() => {
    const s = session.value
    if (!s) return null
    if (new Date(s.expiresAt).getTime() <= Date.now()) return null
    return s.token
  })
  const signedIn = computed(() => token.value !== null)
  const role = computed<Role | null>(() => user.value?.role ?? null)
  const home = computed(() => (role.value ? HOME_BY_ROLE[role.value] : '/board'))

  async function signIn(username: string, password: string) {
    const r = await api.login(username, password)
    session.value = { token: r.token, expiresAt: r.expiresAt, user: r.user }
    try {
      localStorage.setItem(KEY, JSON.stringify(session.value))
    } catch {
      // storage refused: the session lasts while the page is open
    }
  }

  function signOut() {
    session.value = null
    try {
      localStorage.removeItem(KEY)
    } catch {
      // nothing stored
    }
  }

  function hasRole(...roles: Role[]) {
    return role.value !== null && roles.includes(role.value)
  }

  /**
   * Whether the user takes a reviewer's step of this level: a township reviewer reviews, a county
   * reviewer approves (the API says which one a reviewer is); an admin takes both. A session kept
   * from before the API said it counts as either, and the server still decides.
   */
  function actsAt(level: 'county' | 'township') {
    if (role.value === 'admin') return true
    if (role.value !== 'reviewer') return false
    const own = user.value?.reviewerLevel
    return own === undefined || own === level
  }

  return { session, user, token, signedIn, role, home, signIn, signOut, hasRole, actsAt }
})
