/** This package's name and version, as sent in the `User-Agent` header. */
export const userAgent = "@convore/client/0.1.0"
