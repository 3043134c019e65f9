import { createRouter, createWebHistory, type RouteRecordRaw, type Router } from 'vue-router'
import type { Role } from '../api/types'
import { useAuthStore } from '../stores/auth'

declare module 'vue-router' {
  interface RouteMeta {
    roles?: Role[]
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
    meta: { roles: ['reviewer', 'admin'] },
  },
  {
    path: '/donor',
    name: 'donor',
    component: () => import('../views/donor/DonorDesk.vue'),
    meta: { roles: ['donor'] },
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
    meta: { roles: ['auditor', 'admin'] },
  },
  // public notice (公告公示), fund projects, supervision alerts
  { path: '/notices', name: 'notices', component: () => import('../views/notices/NoticeList.vue') },
  { path: '/notices/:id(\\d+)', name: 'notice', component: () => import('../views/notices/NoticePage.vue') },
  { path: '/notices/:id(\\d+)/print', name: 'notice-print', component: () => import('../views/notices/NoticePrint.vue') },
  {
    path: '/objections',
    name: 'objections',
    component: () => import('../views/notices/ObjectionDesk.vue'),
    meta: { roles: ['reviewer', 'auditor', 'admin'] },
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
    meta: { roles: ['auditor', 'united_front', 'admin'] },
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
