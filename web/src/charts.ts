// ECharts, only the parts the dashboard draws (keeps the chunk small).
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

export function countyOption(p: CampaignProgress, t: Translate, money: Money) {
  const rows = p.byCounty ?? []
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => money(v) },
    legend: { top: 0 },
    grid: { left: 8, right: 8, bottom: 8, top: 32, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.countyName), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value' },
    series: [
      { name: t('dashboard.pledged'), type: 'bar', data: rows.map((r) => r.pledged?.CNY ?? 0), color: GOLD },
      { name: t('dashboard.allocated'), type: 'bar', data: rows.map((r) => r.allocated?.CNY ?? 0), color: RED },
      { name: t('dashboard.verified'), type: 'bar', data: rows.map((r) => r.verified?.CNY ?? 0), color: GREEN },
    ],
  }
}

export function categoryOption(p: CampaignProgress, t: Translate, money: Money) {
  const rows = (p.byCategory ?? []).filter((r) => (r.allocated?.CNY ?? 0) > 0 || (r.needsOpen ?? 0) > 0)
  return {
    tooltip: { trigger: 'item', valueFormatter: (v: number) => money(v) },
    legend: { bottom: 0, type: 'scroll' },
    series: [{
      type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'],
      data: rows.map((r) => ({ name: t(`category.${r.category}`), value: r.allocated?.CNY ?? 0 })),
    }],
  }
}

export function monthOption(p: CampaignProgress, t: Translate, money: Money) {
  const rows = p.byMonth ?? []
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => money(v) },
    legend: { top: 0 },
    grid: { left: 8, right: 8, bottom: 8, top: 32, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.month) },
    yAxis: { type: 'value' },
    series: [
      { name: t('dashboard.allocated'), type: 'line', data: rows.map((r) => r.allocated?.CNY ?? 0), color: RED },
      { name: t('dashboard.verified'), type: 'line', data: rows.map((r) => r.verified?.CNY ?? 0), color: GREEN },
    ],
  }
}

/** Mountain-sea pairs as a flow from the Quanzhou unit to its paired county. */
export function pairingOption(p: CampaignProgress, money: Money) {
  const flows = (p.pairingFlows ?? []).filter((f) => (f.allocated?.CNY ?? 0) > 0)
  const names = new Set<string>()
  for (const f of flows) {
    names.add(f.fromName)
    names.add(f.toName)
  }
  return {
    tooltip: { trigger: 'item', valueFormatter: (v: number) => money(v) },
    series: [{
      type: 'sankey', left: 8, right: 90, nodeGap: 12, emphasis: { focus: 'adjacency' },
      data: [...names].map((name) => ({ name })),
      links: flows.map((f) => ({ source: f.fromName, target: f.toName, value: f.allocated?.CNY ?? 0 })),
      lineStyle: { color: 'gradient', opacity: 0.4 },
    }],
  }
}
