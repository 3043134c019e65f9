// The monitor's rules as the screens need them: which step a person may take on a case now, which
// date a case is waiting for, and what the household's report lacks before it is sent.
import type { Role } from './api/types'
import type { CaseState, MonitorCase } from './api/monitor'

export type CaseStep = 'triage' | 'check' | 'notice' | 'township' | 'decide' | 'reject' | 'green' | 'help' | 'closure'

const BEFORE_DECISION: CaseState[] = ['triage', 'checking', 'checked', 'notice', 'township', 'county']
const REVIEWERS: Role[] = ['reviewer', 'admin']
const VILLAGE: Role[] = ['village_secretary', 'admin']

/**
 * The steps the role may take on the case in its state (the server checks again): the township's
 * review is a township reviewer's, triage and the decision a county reviewer's (`level` is the
 * reviewer's, as the API gives it; unknown counts as either).
 */
export function stepsFor(c: MonitorCase, role: Role | undefined, level?: 'county' | 'township' | null): CaseStep[] {
  if (!role) return []
  const reviewer = REVIEWERS.includes(role)
  const county = reviewer && (role === 'admin' || level !== 'township')
  const township = reviewer && (role === 'admin' || level !== 'county')
  const village = VILLAGE.includes(role)
  const before = BEFORE_DECISION.includes(c.state)
  const out: CaseStep[] = []
  if (c.state === 'triage' && county) out.push('triage')
  if (c.state === 'checking' && (reviewer || village)) out.push('check')
  if (c.state === 'checked' && village) out.push('notice')
  if (c.state === 'township' && township) out.push('township')
  if (c.state === 'county' && county) out.push('decide')
  if (before && county && !c.green) out.push('green')
  const helpOpen = c.state === 'confirmed' || c.state === 'closing'
  if (helpOpen && village && c.needId !== null && c.helpConfirmedAt === null) out.push('help')
  if (c.state === 'confirmed' && village) out.push('closure')
  if (before && county) out.push('reject')
  return out
}

export type DueTone = 'late' | 'soon' | 'ok'

/** The date the case waits for now, what it is, and how urgent; null once decided or ended. */
export function dueOf(c: MonitorCase): { what: 'check' | 'decision' | 'paperwork'; at: string; tone: DueTone } | null {
  if (c.state === 'triage' || c.state === 'checking') {
    return { what: 'check', at: c.checkDue, tone: c.checkOverdue ? 'late' : c.dueSoon ? 'soon' : 'ok' }
  }
  if (BEFORE_DECISION.includes(c.state)) {
    return { what: 'decision', at: c.decisionDue, tone: c.late ? 'late' : c.dueSoon ? 'soon' : 'ok' }
  }
  if (c.green && c.paperworkDue && c.decidedAt === null) {
    return { what: 'paperwork', at: c.paperworkDue, tone: c.paperworkOverdue ? 'late' : 'ok' }
  }
  return null
}

export interface SelfReportForm {
  name: string
  phone: string
  idNumber: string
  hardship: string
  villageId: string | null
  risk: string
}

const PHONE = /^1[3-9][0-9]{9}$/
const ID_NUMBER = /^[0-9]{17}[0-9Xx]$/

/** The fields the household must still fill or correct, each with the message key that says why. */
export function selfReportProblems(f: SelfReportForm): Record<string, string> {
  const out: Record<string, string> = {}
  if (!f.name.trim()) out.name = 'fieldErrors.required'
  if (!PHONE.test(f.phone.trim())) out.phone = f.phone.trim() ? 'monitor.phoneRule' : 'fieldErrors.required'
  if (!ID_NUMBER.test(f.idNumber.trim()))
    out.idNumber = f.idNumber.trim() ? 'monitor.idNumberRule' : 'fieldErrors.required'
  if (!f.hardship.trim()) out.hardship = 'fieldErrors.required'
  if (!f.villageId) out.villageId = 'fieldErrors.required'
  return out
}

/** What is sent: trimmed, the ID number's X upper-case, the risk only when chosen. */
export function selfReportBody(f: SelfReportForm) {
  return {
    name: f.name.trim(),
    phone: f.phone.trim(),
    idNumber: f.idNumber.trim().toUpperCase(),
    hardship: f.hardship.trim(),
    villageId: f.villageId ?? '',
    ...(f.risk ? { risk: f.risk as never } : {}),
  }
}
