// Lint limits from ../shared/STYLE.md §11: complexity ≤ 10, depth ≤ 3, params ≤ 4,
// no floating promises, explicit return types on exported functions; and lines ≤ 140 characters.
// Prettier (.prettierrc.json, `make format`) lays the code out at that width; it leaves comments and
// long literals alone, so max-len still holds comments to it (strings, URLs and regular
// expressions that cannot be split excepted).
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import tseslint from 'typescript-eslint';

const MAX_LEN = [
  'error',
  {
    code: 140,
    ignoreUrls: true,
    ignoreStrings: true,
    ignoreTemplateLiterals: true,
    ignoreRegExpLiterals: true,
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'charts/**', 'manifests/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['**/*.ts', '**/*.js'], plugins: { '@stylistic': stylistic }, rules: { '@stylistic/max-len': MAX_LEN } },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      complexity: ['error', 10],
      'max-depth': ['error', 3],
      'max-params': ['error', 4],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The operator takes values from client-node's small modules only: its index loads every
    // generated API class and model (~25 MB resident; operator/kube/slim-client-node.ts).
    files: ['operator/**/*.ts', 'common/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@kubernetes/client-node',
              message:
                'Import values from @kubernetes/client-node/dist/<module>.js (see operator/kube/slim-client-node.ts); types are fine.',
              allowTypeImports: true,
            },
          ],
          patterns: [
            {
              group: [
                '@kubernetes/client-node/dist/index.js',
                '@kubernetes/client-node/dist/api.js',
                '@kubernetes/client-node/dist/gen/index.js',
                '@kubernetes/client-node/dist/gen/types/*',
                '@kubernetes/client-node/dist/gen/apis/*Api.js',
              ],
              message: 'These load the generated API classes; see operator/kube/slim-client-node.ts.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // The web page's browser modules (plain ES modules served as they are, no build step).
    files: ['converter/server/public/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(
        [
          'window',
          'document',
          'CSS',
          'URL',
          'Blob',
          'FormData',
          'TextDecoder',
          'XMLHttpRequest',
          'AbortController',
          'DOMException',
          'performance',
        ].map((name) => [name, 'readonly']),
      ),
    },
    rules: { complexity: ['error', 10], 'max-depth': ['error', 3], 'max-params': ['error', 4] },
  },
  {
    // The bin shim is plain JavaScript that any Node parses (it checks the version first).
    files: ['bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // Tests and benchmarks read as scripts: describe/it callbacks are long by nature.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/explicit-module-boundary-types': 'off',
      '@typescript-eslint/no-unused-expressions': 'off',
      complexity: ['error', 15],
    },
  },
);
