import { describe, expect, it } from 'vitest'
import {
  blankPerson,
  caseSource,
  decisionPeople,
  decisionProblem,
  groundSource,
  hasPersonalNumber,
  reportGround,
} from '../src/accountability'
import type { AccountabilityCase, CaseGround } from '../src/api/desks'

const t = (key: string, values?: Record<string, unknown>) => `${key}${values ? JSON.stringify(values) : ''}`
const person = { unit: '安溪县龙门镇人民政府', role: '副镇长', measure: 'admonishment_talk' as const }

describe('a 问责 decision before it is sent', () => {
  it('may be sent with its basis and every person named by unit, post and measure', () => {
    expect(decisionProblem('经查，挪用帮扶资金属实。', [person])).toBeNull()
  })

  it('asks for the basis, a person, and each person complete', () => {
    expect(decisionProblem('  ', [person])).toBe('accountability.needBasis')
    expect(decisionProblem('依据', [])).toBe('accountability.needPerson')
    expect(decisionProblem('依据', [person, blankPerson()])).toBe('accountability.personIncomplete')
    expect(decisionProblem('依据', [{ ...person, measure: '' }])).toBe('accountability.personIncomplete')
    expect(
      decisionProblem(
        '依据',
        Array.from({ length: 21 }, () => person),
      ),
    ).toBe('accountability.tooManyPeople')
  })

  it('refuses a phone or ID number anywhere, as the API does', () => {
    expect(hasPersonalNumber('联系 13800138000')).toBe(true)
    expect(hasPersonalNumber('350524198001011234')).toBe(true)
    expect(hasPersonalNumber('2018 年第 3 号')).toBe(false)
    expect(decisionProblem('依据', [{ ...person, role: '副镇长 13800138000' }])).toBe('fieldErrors.personal_number')
    expect(decisionProblem('电话 13800138000', [person])).toBe('fieldErrors.personal_number')
  })

  it('sends the people trimmed', () => {
    expect(decisionPeople([{ unit: ' 龙门镇 ', role: ' 镇长 ', measure: 'none' }])).toEqual([
      { unit: '龙门镇', role: '镇长', measure: 'none' },
    ])
  })
})

describe('where a case or lead comes from', () => {
  const base = { reportId: null, reportTrackingNumber: null, findingId: null, findingProblem: null } as const
  it('names a report by its tracking number and a finding by its number and problem', () => {
    expect(caseSource(t, { ...base, reportId: 7, reportTrackingNumber: 'JB2018-0007' } as AccountabilityCase)).toBe(
      'accountability.fromReport{"n":"JB2018-0007"}',
    )
    expect(caseSource(t, { ...base, findingId: 3, findingProblem: '台账不全' } as AccountabilityCase)).toBe(
      'accountability.fromFinding{"n":3} 台账不全',
    )
    expect(groundSource(t, { source: 'report', id: 7, title: 'JB2018-0007' } as CaseGround)).toBe(
      'accountability.fromReport{"n":"JB2018-0007"}',
    )
    expect(groundSource(t, { source: 'finding', id: 3, title: '台账不全' } as CaseGround)).toBe(
      'accountability.fromFinding{"n":3} 台账不全',
    )
  })
})

describe('a report as a lead', () => {
  const report = {
    id: 9,
    trackingNumber: 'JB2018-0009',
    countyId: '350524',
    countyName: '安溪县',
    answeredAt: '2018-06-01T08:00:00Z',
  }
  it('is one when its latest answer found it founded or partly founded', () => {
    expect(reportGround({ ...report, answers: [{ version: 1, finding: 'founded' }] })?.title).toBe('JB2018-0009')
    expect(reportGround({ ...report, answers: [{ version: 1, finding: 'partly_founded' }] })?.ground).toBe(
      'founded_report',
    )
    expect(
      reportGround({
        ...report,
        answers: [
          { version: 2, finding: 'unfounded' },
          { version: 1, finding: 'founded' },
        ],
      }),
    ).toBeNull()
    expect(reportGround({ ...report, answers: [] })).toBeNull()
  })
})
