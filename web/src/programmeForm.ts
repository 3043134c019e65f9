// Opening a fund programme (资金项目计划): what must be filled in, and the body the API takes.
import type { ProgrammeInput } from './funds'

export interface ProgrammeForm {
  name: string
  source: string
  sourceRegionId: string | null
  campaignId: number | null
  category: string
  year: number
  budget: number | null
  eligibility: string
  startsOn: string
  endsOn: string
  description: string
}

export function blankProgramme(now = new Date()): ProgrammeForm {
  return {
    name: '',
    source: 'city',
    sourceRegionId: null,
    campaignId: null,
    category: 'infrastructure',
    year: now.getFullYear(),
    budget: null,
    eligibility: 'any',
    startsOn: '',
    endsOn: '',
    description: '',
  }
}

/** Field → message key of what is missing or wrong before sending (empty when none). */
export function programmeProblems(form: ProgrammeForm): Record<string, string> {
  const p: Record<string, string> = {}
  if (!form.name.trim()) p.name = 'errors.required'
  if (!form.budget || form.budget < 1) p.budget = 'errors.required'
  if (!form.startsOn) p.startsOn = 'errors.required'
  if (!form.endsOn) p.endsOn = 'errors.required'
  else if (form.startsOn && form.endsOn < form.startsOn) p.endsOn = 'programmeForm.endsBeforeStart'
  if (form.source === 'paired_county' && !form.sourceRegionId) p.sourceRegionId = 'errors.required'
  if (form.source === 'campaign' && !form.campaignId) p.campaignId = 'errors.required'
  return p
}

/** The body of POST /funds/programmes: the paying county only for paired_county, the campaign only for campaign. */
export function programmeBody(form: ProgrammeForm): ProgrammeInput {
  const body: ProgrammeInput = {
    name: form.name.trim(),
    source: form.source,
    category: form.category,
    year: form.year,
    budget: form.budget ?? 0,
    eligibility: form.eligibility,
    startsOn: form.startsOn,
    endsOn: form.endsOn,
  }
  if (form.source === 'paired_county' && form.sourceRegionId) body.sourceRegionId = form.sourceRegionId
  if (form.source === 'campaign' && form.campaignId) body.campaignId = form.campaignId
  if (form.description.trim()) body.description = form.description.trim()
  return body
}
