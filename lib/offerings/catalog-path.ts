/**
 * Where the catalog is: the public path visitors open, which next.config.ts rewrites to the
 * path Next renders and caches it under. A file of its own, importing nothing, so that the app's
 * HTTP server (scripts/server.ts) can name the page it answers from the edge before Next loads.
 */
export const CATALOG_PUBLIC_PATH = "/offerings";

/** The path the catalog page is cached under; its Next cache tag is derived from it. */
export const CATALOG_PAGE_PATH = "/catalog/current";
