import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Router } from 'express';
import { z } from 'zod';

/**
 * The house style: NL Design System components (@utrecht/component-library-css) styled by a design-token theme.
 * Both are served from node_modules by this process, so the pages work offline (no CDN). A deployment picks its own
 * theme with WEB_THEME_CSS (a tokens CSS file, e.g. its gemeente's or corporatie's tokens package) and
 * WEB_THEME_CLASS (the class that file puts its tokens on); the default is the Utrecht tokens (`utrecht-theme`).
 */
const themeEnv = z.object({
  WEB_THEME_CSS: z.string().min(1).optional(),
  WEB_THEME_CLASS: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,63}$/, 'een CSS-klassenaam: kleine letters, cijfers en streepjes')
    .default('utrecht-theme'),
});

export interface Theme {
  /** Absolute path of the tokens CSS file. */
  tokensFile: string;
  /** The class on <body> that the tokens file puts its custom properties on. */
  className: string;
}

const fromPackage = (spec: string) => require.resolve(spec);

export function themeFromEnv(env: NodeJS.ProcessEnv = process.env): Theme {
  const e = themeEnv.parse(env);
  const tokensFile = e.WEB_THEME_CSS
    ? path.resolve(e.WEB_THEME_CSS)
    : fromPackage('@utrecht/design-tokens/dist/theme.css');
  if (!existsSync(tokensFile)) throw new Error(`WEB_THEME_CSS: file not found: ${tokensFile}`);
  return { tokensFile, className: e.WEB_THEME_CLASS };
}

/** The component CSS and the theme's tokens at fixed URLs under /app/static/nlds/. */
export function serveNlds(router: Router, theme: Theme) {
  const components = fromPackage('@utrecht/component-library-css/dist/index.css');
  const cache = { maxAge: '1h' };
  router.get('/static/nlds/components.css', (_req, res) => res.sendFile(components, cache));
  router.get('/static/nlds/tokens.css', (_req, res) => res.sendFile(theme.tokensFile, cache));
}

/** The theme in force, read once at start-up; layout.ts puts its class on every page. */
let current: Theme | undefined;
export const themeClass = () => (current ??= themeFromEnv()).className;
export function useTheme(theme: Theme) {
  current = theme;
}
