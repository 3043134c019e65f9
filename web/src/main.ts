import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/theme-chalk/base.css'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import './styles.css'
import App from './App.vue'
import { i18n } from './i18n'
import { makeRouter } from './router'
import { configureClient } from './api/client'
import { useAuthStore } from './stores/auth'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
const router = makeRouter()
app.use(router)

const auth = useAuthStore()
configureClient(
  () => auth.token,
  () => {
    auth.signOut()
    const here = router.currentRoute.value
    if (here.meta.roles) router.push({ path: '/signin', query: { next: here.fullPath } })
  },
)
document.documentElement.lang = i18n.global.locale.value
app.mount('#app')
