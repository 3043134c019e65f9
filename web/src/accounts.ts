// The accounts desk: what a new account must name for its role, and the body the API takes.
import type { NewUser } from './api/desks'
import type { Role } from './api/types'

export const ROLES = [
  'village_secretary',
  'reviewer',
  'donor',
  'united_front',
  'auditor',
  'admin',
] as const satisfies readonly Role[]

/** The new-account form: every field as typed; the role decides which place or donor it needs. */
export interface AccountForm {
  username: string
  displayName: string
  role: Role | ''
  password: string
  villageId: string | null
  regionId: string | null
  donorId: string | null
}

export function blankAccount(): AccountForm {
  return { username: '', displayName: '', role: '', password: '', villageId: null, regionId: null, donorId: null }
}

/** What the role is tied to: a secretary's village, a reviewer's county or township, a donor. */
export function scopeOf(role: Role | ''): 'village' | 'region' | 'donor' | null {
  if (role === 'village_secretary') return 'village'
  if (role === 'reviewer') return 'region'
  if (role === 'donor') return 'donor'
  return null
}

/** Field → message key of what is missing before the form may be sent (empty when none). */
export function accountProblems(form: AccountForm): Record<string, string> {
  const problems: Record<string, string> = {}
  if (!/^[a-z0-9][a-z0-9._-]{2,39}$/.test(form.username)) problems.username = 'accounts.usernameRule'
  if (!form.displayName.trim()) problems.displayName = 'errors.required'
  if (!form.role) problems.role = 'errors.required'
  if (form.password.length < 8) problems.password = 'accounts.passwordRule'
  const scope = scopeOf(form.role)
  if (scope === 'village' && !form.villageId) problems.villageId = 'errors.required'
  if (scope === 'region' && !form.regionId) problems.regionId = 'errors.required'
  if (scope === 'donor' && !form.donorId) problems.donorId = 'errors.required'
  return problems
}

/** The body of POST /users: only the place or donor the role needs. */
export function newUserBody(form: AccountForm): NewUser {
  const body: NewUser = {
    username: form.username,
    displayName: form.displayName.trim(),
    role: form.role as Role,
    password: form.password,
  }
  const scope = scopeOf(form.role)
  if (scope === 'village' && form.villageId) body.villageId = form.villageId
  if (scope === 'region' && form.regionId) body.regionId = form.regionId
  if (scope === 'donor' && form.donorId) body.donorId = Number(form.donorId)
  return body
}
