/** This package's name and version, as sent in the `User-Agent` header (written by `pnpm build`). */
export const userAgent = "@convore/client/1.0.0"
