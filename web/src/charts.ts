// ECharts, only the parts the dashboard draws (keeps the chunk small). Each chart has one basis:
// the receiving county (where the need is), or the donors' origin (where the donor is), never
// both on one axis; money is the confirmed matches unless a series says otherwise.
import { use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { BarChart, LineChart, PieChart, SankeyChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import type { CampaignProgress } from './api/types'

use([CanvasRenderer, BarChart, LineChart, PieChart, SankeyChart, GridComponent, LegendComponent, TooltipComponent])

type Translate = (key: string) => string
type Money = (n: number) => string

const RED = '#c8161d'
const GOLD = '#e6a23c'
const GREEN = '#67c23a'
const GREY = '#b1b3b8'

const bars = (names: string[]) => ({
  tooltip: { trigger: 'axis' },
  legend: { top: 0, type: 'scroll' },
  grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
  xAxis: {
    type: 'category',
    data: names,
    axisLabel: { interval: 0, rotate: names.length > 5 ? 35 : 0, width: 72, overflow: 'truncate' },
  },
  yAxis: { type: 'value' },
})

/** The receiving county (where the needs are): proposed, confirmed, verified. */
export function countyOption(p: CampaignProgress, t: Translate, money: Money) {
  const rows = p.byCounty ?? []
  return {
    ...bars(rows.map((r) => r.countyName ?? r.countyId)),
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => money(v) },
    series: [
      { name: t('figures.proposed'), type: 'bar', data: rows.map((r) => r.proposed?.CNY ?? 0), color: GREY },
      { name: t('figures.confirmed'), type: 'bar', data: rows.map((r) => r.confirmed?.CNY ?? 0), color: RED },
      { name: t('figures.verified'), type: 'bar', data: rows.map((r) => r.verified?.CNY ?? 0), color: GREEN },
    ],
  }
}

/** The donors' origin (the donor's county): pledged, confirmed, verified. */
export function originOption(p: CampaignProgress, t: Translate, money: Money) {
  const rows = p.byOrigin ?? []
  return {
    ...bars(rows.map((r) => (r.countyId === 'none' ? t('figures.noOrigin') : (r.countyName ?? r.countyId)))),
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => money(v) },
    series: [
      { name: t('figures.pledged'), type: 'bar', data: rows.map((r) => r.pledged?.CNY ?? 0), color: GOLD },
      { name: t('figures.confirmed'), type: 'bar', data: rows.map((r) => r.confirmed?.CNY ?? 0), color: RED },
      { name: t('figures.verified'), type: 'bar', data: rows.map((r) => r.verified?.CNY ?? 0), color: GREEN },
    ],
  }
}

/** Confirmed money by category, as a donut whose labels wrap instead of ending in "…". */
export function categoryOption(p: CampaignProgress, t: Translate, money: Money) {
  const rows = (p.byCategory ?? []).filter((r) => (r.confirmed?.CNY ?? 0) > 0)
  return {
    tooltip: { trigger: 'item', valueFormatter: (v: number) => money(v) },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        radius: ['30%', '52%'],
        center: ['50%', '44%'],
        avoidLabelOverlap: true,
        label: { formatter: '{b}', overflow: 'break', width: 64, fontSize: 11 },
        labelLayout: { hideOverlap: true },
        data: rows.map((r) => ({ name: t(`category.${r.category}`), value: r.confirmed?.CNY ?? 0 })),
      },
    ],
  }
}

export function monthOption(p: CampaignProgress, t: Translate, money: Money) {
  const rows = p.byMonth ?? []
  return {
    ...bars(rows.map((r) => r.month)),
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => money(v) },
    series: [
      { name: t('figures.confirmed'), type: 'line', data: rows.map((r) => r.confirmed?.CNY ?? 0), color: RED },
      { name: t('figures.verified'), type: 'line', data: rows.map((r) => r.verified?.CNY ?? 0), color: GREEN },
    ],
  }
}

/** The flows a Sankey draws: confirmed yuan from a Quanzhou unit to its paired county. */
export function confirmedFlows(p: CampaignProgress) {
  return (p.pairingFlows ?? []).filter((f) => (f.confirmed?.CNY ?? 0) > 0)
}

/**
 * Mountain-sea pairs as flows from the Quanzhou unit to its paired county. The band's height
 * follows the number of flows, so a single flow is a band, not a block filling the chart.
 */
export function pairingOption(p: CampaignProgress, money: Money) {
  const flows = confirmedFlows(p)
  const names = new Set<string>()
  for (const f of flows) {
    names.add(f.fromName)
    names.add(f.toName)
  }
  const height = Math.min(300, 36 + 44 * flows.length)
  return {
    tooltip: { trigger: 'item', valueFormatter: (v: number) => money(v) },
    series: [
      {
        type: 'sankey',
        left: 8,
        right: 90,
        top: 8,
        height,
        nodeGap: 12,
        nodeWidth: 14,
        emphasis: { focus: 'adjacency' },
        data: [...names].map((name) => ({ name })),
        links: flows.map((f) => ({ source: f.fromName, target: f.toName, value: f.confirmed?.CNY ?? 0 })),
        lineStyle: { color: 'gradient', opacity: 0.4 },
      },
    ],
  }
}

/** The chart's own height for the Sankey (px), so the card is no taller than its flows. */
export function pairingHeight(p: CampaignProgress): number {
  return Math.min(320, 56 + 44 * confirmedFlows(p).length)
}
