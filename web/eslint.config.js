// ESLint (flat config) for the web app: JavaScript's and TypeScript's recommended rules and the
// Vue plugin's; layout is Prettier's business, so the rules that fight it are switched off last.
// `npm run lint` checks (Prettier, then ESLint); `npm run format` fixes what can be fixed.
import js from '@eslint/js'
import prettier from 'eslint-config-prettier/flat'
import { defineConfig, globalIgnores } from 'eslint/config'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default defineConfig([
  // src/api/openapi.gen.ts is generated from openapi.yaml (npm run generate:api)
  globalIgnores(['dist/**', 'node_modules/**', 'coverage/**', 'target/**', 'src/api/openapi.gen.ts']),
  {
    files: ['**/*.{js,mjs,ts,vue}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['**/*.{ts,vue}'],
    rules: {
      // TypeScript itself reports undefined names, with the types it knows
      'no-undef': 'off',
      // a leading underscore marks a value left out on purpose ({ [key]: _gone, ...rest })
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  prettier,
])
