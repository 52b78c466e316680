// Bokvar's lint rules (`npm run lint`, part of `npm test`). The packages live in
// tools/lint (see tools/lint/lint.mjs for why), so they are loaded from there.
// The rules need no type information: the compiler is not run a second time.
import { createRequire } from 'node:module';

const fromLint = createRequire(new URL('./tools/lint/package.json', import.meta.url));
const { default: js } = await import(fromLint.resolve('@eslint/js'));
const { default: tseslint } = await import(fromLint.resolve('typescript-eslint'));

export default tseslint.config(
  { ignores: ['**/node_modules/', 'engine/', 'ui/public/', '.data/', 'dist/', 'test/verapdf/', '**/*.d.ts', 'modeler-plugin/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // Sizes a newcomer reads without scrolling. A longer declarative file
      // (a catalogue, a template) says why in a comment.
      'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['warn', { max: 80, skipBlankLines: true, skipComments: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Engine answers and test doubles are read loosely on purpose; zod checks what matters.
      '@typescript-eslint/no-explicit-any': 'off',
      // TypeScript itself reports undefined names (with the right globals).
      'no-undef': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // bpmnlint-plugin-bokvar and the Modeler plugin: CommonJS, as bpmnlint's NodeResolver, Modeler and webpack load them.
    files: ['bpmnlint-plugin-bokvar/**/*.js', 'modeler-plugin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // A test reads as one scenario; a describe block is long by nature.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'max-lines-per-function': 'off', 'max-lines': 'off' },
  },
);
