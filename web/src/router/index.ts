import { createRouter, createWebHistory, type RouteRecordRaw, type Router } from 'vue-router'
import type { Role } from '../api/types'
import { useAuthStore } from '../stores/auth'

declare module 'vue-router' {
  interface RouteMeta {
    roles?: Role[]
    /**
     * Hints for the browser test that walks every route: the element that says the screen has
     * loaded, tabs to open too, and for a work list the CSS of its rows, each of which must show
     * its status ([data-work=status]) and due date ([data-work=due]) — unless noDue says why the
     * screen cannot show one yet.
     */
    walk?: { ready?: string; tabs?: string[]; workList?: string; noDue?: string }
  }
}

// Each workspace is its own chunk, loaded when first visited.
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: { render: () => null } },
  { path: '/signin', name: 'signin', component: () => import('../views/SignIn.vue') },
  { path: '/board', name: 'board', component: () => import('../views/public/PublicBoard.vue') },
  {
    path: '/village',
    name: 'village',
    component: () => import('../views/secretary/VillageHome.vue'),
    meta: { roles: ['village_secretary'] },
  },
  {
    path: '/village/needs/new',
    name: 'need-new',
    component: () => import('../views/secretary/NeedEdit.vue'),
    meta: { roles: ['village_secretary'] },
  },
  {
    path: '/village/needs/:id',
    name: 'need-edit',
    component: () => import('../views/secretary/NeedEdit.vue'),
    meta: { roles: ['village_secretary'] },
  },
  {
    path: '/review',
    name: 'review',
    component: () => import('../views/reviewer/ReviewDesk.vue'),
    meta: {
      roles: ['reviewer', 'admin'],
      walk: { workList: '[data-test=queue-item]', tabs: ['[data-test=tab-receipts]', '[data-test=tab-verified]'] },
    },
  },
  {
    path: '/donor',
    name: 'donor',
    component: () => import('../views/donor/DonorDesk.vue'),
    meta: {
      roles: ['donor'],
      walk: {
        tabs: [
          '[data-test=tab-proposals]',
          '[data-test=tab-delivery]',
          '[data-test=tab-pledges]',
          '[data-test=tab-impact]',
        ],
      },
    },
  },
  {
    path: '/dashboard',
    name: 'dashboard',
    component: () => import('../views/unitedfront/DashboardView.vue'),
    meta: { roles: ['united_front', 'auditor', 'admin'] },
  },
  {
    path: '/audit',
    name: 'audit',
    component: () => import('../views/auditor/AuditDesk.vue'),
    meta: { roles: ['auditor', 'admin'], walk: { tabs: ['[data-test=tab-funds]'] } },
  },
  {
    path: '/registry',
    name: 'registry',
    component: () => import('../views/registry/RegistryHome.vue'),
    meta: { roles: ['village_secretary', 'reviewer', 'united_front', 'auditor', 'admin'] },
  },
  {
    path: '/registry/households',
    name: 'registry-households',
    component: () => import('../views/registry/HouseholdRegister.vue'),
    meta: { roles: ['village_secretary', 'reviewer', 'admin'] },
  },
  {
    path: '/registry/households/:id',
    name: 'registry-household',
    component: () => import('../views/registry/HouseholdDetail.vue'),
    meta: { roles: ['village_secretary', 'reviewer', 'admin'] },
  },
  {
    path: '/registry/households/new',
    name: 'registry-household-new',
    component: () => import('../views/registry/HouseholdNew.vue'),
    meta: { roles: ['village_secretary', 'admin'], walk: { ready: '[data-test=household-new]' } },
  },
  {
    path: '/registry/applications/:id(\\d+)',
    name: 'registry-application',
    component: () => import('../views/registry/StatusApplicationView.vue'),
    meta: { roles: ['village_secretary', 'reviewer', 'admin'], walk: { ready: '[data-test=application-page]' } },
  },
  {
    path: '/registry/queue',
    name: 'registry-queue',
    component: () => import('../views/registry/ReviewQueue.vue'),
    meta: {
      roles: ['village_secretary', 'reviewer', 'admin'],
      walk: { workList: '[data-test=application]' },
    },
  },
  {
    path: '/registry/cadres',
    name: 'registry-cadres',
    component: () => import('../views/registry/CadresView.vue'),
    meta: { roles: ['village_secretary', 'reviewer', 'admin'] },
  },
  {
    path: '/registry/cadres/new',
    name: 'registry-cadre-new',
    component: () => import('../views/registry/CadreAppoint.vue'),
    meta: { roles: ['village_secretary', 'reviewer', 'admin'], walk: { ready: '[data-test=cadre-appoint]' } },
  },
  {
    path: '/registry/cadres/:id(\\d+)',
    name: 'registry-cadre',
    component: () => import('../views/registry/CadrePage.vue'),
    meta: { roles: ['village_secretary', 'reviewer', 'admin'], walk: { ready: '[data-test=cadre-facts]' } },
  },
  {
    path: '/registry/help-units',
    name: 'registry-help-units',
    component: () => import('../views/registry/HelpUnitsView.vue'),
    meta: { roles: ['village_secretary', 'reviewer', 'admin'], walk: { ready: '[data-test=help-units]' } },
  },
  {
    path: '/registry/review-rounds',
    name: 'registry-review-rounds',
    component: () => import('../views/registry/ReviewRoundsView.vue'),
    meta: {
      roles: ['village_secretary', 'reviewer', 'united_front', 'auditor', 'admin'],
      walk: { ready: '[data-test=review-rounds]' },
    },
  },
  {
    path: '/registry/review-rounds/:id(\\d+)',
    name: 'registry-review-round',
    component: () => import('../views/registry/ReviewRoundPage.vue'),
    meta: {
      roles: ['village_secretary', 'reviewer', 'united_front', 'auditor', 'admin'],
      walk: {
        ready: '[data-test=round-counts]',
        workList: '[data-test=round-household]',
        noDue: 'the API gives a 回头看 round no deadline for its visits',
      },
    },
  },
  {
    path: '/registry/villages',
    name: 'registry-villages',
    component: () => import('../views/registry/VillagesPick.vue'),
    meta: {
      roles: ['village_secretary', 'reviewer', 'united_front', 'auditor', 'admin'],
      walk: { ready: '[data-test=villages-pick], [data-test=village-register]' },
    },
  },
  {
    path: '/registry/villages/:id',
    name: 'registry-village',
    component: () => import('../views/registry/VillageRegister.vue'),
    meta: {
      roles: ['village_secretary', 'reviewer', 'united_front', 'auditor', 'admin'],
      walk: { ready: '[data-test=village-register]' },
    },
  },
  {
    path: '/registry/dashboard',
    name: 'registry-dashboard',
    component: () => import('../views/registry/RegistryDashboard.vue'),
    meta: { roles: ['reviewer', 'united_front', 'auditor', 'admin'] },
  },
  {
    path: '/campaigns',
    name: 'campaigns',
    component: () => import('../views/unitedfront/CampaignsView.vue'),
    meta: { roles: ['united_front', 'admin', 'donor'] },
  },
  {
    path: '/inbox',
    name: 'inbox',
    component: () => import('../views/inbox/InboxView.vue'),
    meta: {
      roles: ['village_secretary', 'reviewer', 'donor', 'united_front', 'auditor', 'admin'],
      walk: { workList: '[data-test=notification]' },
    },
  },
  // 12317 举报 (public), 举报受理, 督查整改, 帮扶信誉
  { path: '/report', name: 'report', component: () => import('../views/reports/ReportForm.vue') },
  { path: '/report/track', name: 'report-track', component: () => import('../views/reports/ReportTrack.vue') },
  {
    path: '/reports/desk',
    name: 'report-desk',
    component: () => import('../views/reports/ReportDesk.vue'),
    meta: { roles: ['reviewer', 'auditor', 'admin'], walk: { workList: '[data-test=desk-table] .el-table__body tr' } },
  },
  {
    path: '/inspections',
    name: 'inspections',
    component: () => import('../views/inspections/InspectionsView.vue'),
    meta: { roles: ['united_front', 'auditor', 'reviewer', 'admin'] },
  },
  {
    path: '/inspections/:id/report',
    name: 'inspection-report',
    component: () => import('../views/inspections/InspectionReport.vue'),
    meta: { roles: ['united_front', 'auditor', 'reviewer', 'admin'] },
  },
  {
    path: '/findings',
    name: 'findings',
    component: () => import('../views/inspections/FindingsView.vue'),
    meta: {
      roles: ['village_secretary', 'donor', 'reviewer', 'united_front', 'auditor', 'admin'],
      walk: { workList: '[data-test=finding-card]' },
    },
  },
  {
    path: '/reliability',
    name: 'reliability',
    component: () => import('../views/reports/ReliabilityView.vue'),
    meta: { roles: ['reviewer', 'united_front', 'auditor', 'admin', 'donor'] },
  },
  {
    path: '/accountability',
    name: 'accountability',
    component: () => import('../views/accountability/AccountabilityDesk.vue'),
    meta: { roles: ['auditor', 'admin', 'united_front', 'reviewer'] },
  },
  { path: '/campaigns/:id(\\d+)', name: 'campaign', component: () => import('../views/pages/CampaignPage.vue') },
  { path: '/villages/:id', name: 'village-page', component: () => import('../views/pages/VillagePage.vue') },
  {
    path: '/pledges/:id(\\d+)',
    name: 'pledge',
    component: () => import('../views/pages/PledgePage.vue'),
    meta: { roles: ['donor', 'united_front', 'auditor', 'admin'] },
  },
  {
    path: '/donors',
    name: 'donors',
    component: () => import('../views/unitedfront/DonorsView.vue'),
    meta: { roles: ['united_front', 'admin'] },
  },
  {
    path: '/accounts',
    name: 'accounts',
    component: () => import('../views/admin/AccountsDesk.vue'),
    meta: { roles: ['admin'] },
  },
  // public notice (公告公示), fund projects, supervision alerts
  { path: '/notices', name: 'notices', component: () => import('../views/notices/NoticeList.vue') },
  { path: '/notices/:id(\\d+)', name: 'notice', component: () => import('../views/notices/NoticePage.vue') },
  {
    path: '/notices/:id(\\d+)/print',
    name: 'notice-print',
    component: () => import('../views/notices/NoticePrint.vue'),
  },
  {
    path: '/objections',
    name: 'objections',
    component: () => import('../views/notices/ObjectionDesk.vue'),
    meta: { roles: ['reviewer', 'auditor', 'admin'], walk: { workList: '[data-test=objection-desk] li.card' } },
  },
  {
    path: '/funds',
    name: 'funds',
    component: () => import('../views/funds/FundsDesk.vue'),
    meta: { roles: ['reviewer', 'united_front', 'auditor', 'admin'] },
  },
  {
    path: '/village/projects',
    name: 'village-projects',
    component: () => import('../views/funds/ProjectProgress.vue'),
    meta: { roles: ['village_secretary'] },
  },
  {
    path: '/alerts',
    name: 'alerts',
    component: () => import('../views/funds/AlertDesk.vue'),
    meta: {
      roles: ['auditor', 'united_front', 'admin'],
      walk: { workList: '[data-test=alert-list] > li' },
    },
  },
  // open books: the open-data feed, sample checks, certificates and statements, 10·17, the audit log
  { path: '/open-data', name: 'open-data', component: () => import('../views/openbooks/OpenDataView.vue') },
  { path: '/pledge-days', name: 'pledge-days', component: () => import('../views/openbooks/PledgeDaysView.vue') },
  {
    path: '/pledge-days/:id(\\d+)',
    name: 'pledge-wall',
    component: () => import('../views/openbooks/PledgeWallView.vue'),
  },
  {
    path: '/certificates/:id(\\d+)',
    name: 'certificate',
    component: () => import('../views/openbooks/CertificatePage.vue'),
  },
  {
    path: '/delivery-checks',
    name: 'delivery-checks',
    component: () => import('../views/openbooks/ChecksDesk.vue'),
    meta: {
      roles: ['reviewer', 'auditor', 'admin'],
      walk: { workList: '[data-test=check]' },
    },
  },
  {
    path: '/donor/help',
    name: 'donor-help',
    component: () => import('../views/openbooks/DonorHelp.vue'),
    meta: { roles: ['donor'] },
  },
  {
    path: '/donor/statement/:year(\\d+)',
    name: 'donor-statement',
    component: () => import('../views/openbooks/DonorStatement.vue'),
    meta: { roles: ['donor', 'united_front', 'auditor', 'admin'] },
  },
  {
    path: '/audit-log/verify',
    name: 'audit-log-verify',
    component: () => import('../views/openbooks/LogVerifyView.vue'),
    meta: { walk: { ready: '[data-test=log-verify]' } },
  },
  {
    path: '/audit/log',
    name: 'audit-log',
    component: () => import('../views/openbooks/AuditLogView.vue'),
    meta: { roles: ['auditor', 'admin'] },
  },
  // 防返贫动态监测: the household's own report and its tracking (no account), the village's poster
  { path: '/monitor/report', name: 'monitor-report', component: () => import('../views/monitor/SelfReport.vue') },
  { path: '/monitor/track', name: 'monitor-track', component: () => import('../views/monitor/SelfReportTrack.vue') },
  {
    path: '/monitor/villages/:id',
    name: 'monitor-poster',
    component: () => import('../views/monitor/VillagePoster.vue'),
  },
  {
    path: '/monitor',
    name: 'monitor',
    component: () => import('../views/monitor/MonitorDesk.vue'),
    meta: { roles: ['village_secretary', 'reviewer', 'admin'] },
  },
  {
    path: '/monitor/cases/:id(\\d+)',
    name: 'monitor-case',
    component: () => import('../views/monitor/MonitorCasePage.vue'),
    meta: { roles: ['village_secretary', 'reviewer', 'admin'] },
  },
  {
    path: '/monitor/warnings',
    name: 'monitor-warnings',
    component: () => import('../views/monitor/WarningsDesk.vue'),
    meta: { roles: ['reviewer', 'admin'] },
  },
  {
    path: '/monitor/thresholds',
    name: 'monitor-thresholds',
    component: () => import('../views/monitor/ThresholdsView.vue'),
    meta: { roles: ['village_secretary', 'reviewer', 'united_front', 'auditor', 'admin'] },
  },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('../views/NotFound.vue') },
]

export function installGuards(router: Router) {
  router.beforeEach((to) => {
    const auth = useAuthStore()
    if (to.name === 'home') return auth.signedIn ? auth.home : '/board'
    const roles = to.meta.roles
    if (!roles) return true
    if (!auth.signedIn) return { path: '/signin', query: { next: to.fullPath } }
    if (!auth.hasRole(...roles)) return auth.home
    return true
  })
}

export function makeRouter() {
  const router = createRouter({ history: createWebHistory(), routes })
  installGuards(router)
  return router
}
