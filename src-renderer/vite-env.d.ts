// Vite's client types (CSS Modules, assets) for every program that compiles renderer files,
// including the tests type-checked by tsconfig.tools.json.
/// <reference types="vite/client" />
