import { describe, expect, it } from 'vitest'
import { accountProblems, blankAccount, newUserBody } from '../src/accounts'
import { pledgeChange } from '../src/pledgePage'
import { blankProgramme, programmeBody, programmeProblems } from '../src/programmeForm'
import { unitLabel, validUnit } from '../src/villageCaps'
import type { Pledge } from '../src/api/types'

describe('a new account', () => {
  const ok = { ...blankAccount(), username: 'lin.xiaomei', displayName: '林小梅', password: 'bangfu2018' }

  it('is tied to what its role needs, and only that', () => {
    expect(accountProblems({ ...ok, role: 'village_secretary' })).toEqual({ villageId: 'errors.required' })
    expect(accountProblems({ ...ok, role: 'reviewer' })).toEqual({ regionId: 'errors.required' })
    expect(accountProblems({ ...ok, role: 'donor' })).toEqual({ donorId: 'errors.required' })
    expect(accountProblems({ ...ok, role: 'auditor' })).toEqual({})
    const body = newUserBody({ ...ok, role: 'donor', donorId: '12', villageId: '350524-T03-V07' })
    expect(body).toEqual({
      username: 'lin.xiaomei',
      displayName: '林小梅',
      role: 'donor',
      password: 'bangfu2018',
      donorId: 12,
    })
  })

  it('names a bad username and a short password before sending', () => {
    const p = accountProblems({ ...ok, role: 'auditor', username: 'Lin', password: 'short' })
    expect(p).toEqual({ username: 'accounts.usernameRule', password: 'accounts.passwordRule' })
  })
})

describe("a pledge's change", () => {
  const pledge = {
    id: 5,
    quantity: 50000,
    maxPerNeed: null,
    expires: null,
    note: null,
    mode: 'pooled',
  } as unknown as Pledge

  it('sends only what the donor changed', () => {
    const same = { quantity: 50000, maxPerNeed: null, expires: '', note: '', mode: 'pooled' as const }
    expect(pledgeChange(pledge, same)).toEqual({})
    expect(pledgeChange(pledge, { ...same, quantity: 80000, note: ' 助学 ', mode: 'earmarked' })).toEqual({
      quantity: 80000,
      note: '助学',
      mode: 'earmarked',
    })
    expect(pledgeChange(pledge, { ...same, maxPerNeed: 10000, expires: '2019-12-31' })).toEqual({
      maxPerNeed: 10000,
      expires: '2019-12-31',
    })
  })
})

describe('a new fund programme', () => {
  const filled = {
    ...blankProgramme(new Date('2018-03-01')),
    name: '2018 年市级扶贫资金',
    budget: 5_000_000,
    startsOn: '2018-03-01',
    endsOn: '2018-12-31',
  }

  it('asks for the paying county or the campaign only when its source needs one', () => {
    expect(programmeProblems(filled)).toEqual({})
    expect(programmeProblems({ ...filled, source: 'paired_county' })).toEqual({ sourceRegionId: 'errors.required' })
    expect(programmeProblems({ ...filled, source: 'campaign' })).toEqual({ campaignId: 'errors.required' })
    expect(programmeProblems({ ...filled, endsOn: '2018-01-01' })).toEqual({ endsOn: 'programmeForm.endsBeforeStart' })
    expect(programmeBody({ ...filled, sourceRegionId: '350524', campaignId: 3 })).toEqual({
      name: '2018 年市级扶贫资金',
      source: 'city',
      category: 'infrastructure',
      year: 2018,
      budget: 5_000_000,
      eligibility: 'any',
      startsOn: '2018-03-01',
      endsOn: '2018-12-31',
    })
    expect(programmeBody({ ...filled, source: 'paired_county', sourceRegionId: '350203' }).sourceRegionId).toBe(
      '350203',
    )
  })
})

describe('village caps', () => {
  it('take the units the API takes and read them in words', () => {
    expect(validUnit('CNY')).toBe(true)
    expect(validUnit('item:rice')).toBe(true)
    expect(validUnit('item:大米')).toBe(false)
    expect(validUnit('item:')).toBe(false)
    const t = (k: string) => k
    expect(unitLabel('job', t)).toBe('unit.job')
    expect(unitLabel('item:rice', t)).toBe('unit.item · rice')
  })
})
