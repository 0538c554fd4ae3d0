/**
 * RFC 3339 timestamps as they travel on the wire, read to epoch milliseconds.
 */
const digitsAt = (text: string, start: number, count: number): number => {
  let value = 0
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 48
    if (digit < 0 || digit > 9) return -1
    value = value * 10 + digit
  }
  return value
}

const isLeapYear = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/**
 * Parses an RFC 3339 timestamp (`2024-03-08T10:00:00Z`, `2024-03-08T12:00:00.123456+02:00`)
 * to epoch milliseconds, or `undefined` when the text is not one, impossible
 * dates such as February 30th included. Hand-written because it runs twice
 * per decoded message: a regex and `Date.parse` cost several times more.
 */
export const parseRfc3339 = (text: string): number | undefined => {
  if (text.length < 20) return undefined
  const year = digitsAt(text, 0, 4)
  const month = digitsAt(text, 5, 2)
  const day = digitsAt(text, 8, 2)
  const hour = digitsAt(text, 11, 2)
  const minute = digitsAt(text, 14, 2)
  const second = digitsAt(text, 17, 2)
  const separator = text[10]
  if (
    year < 0 || text[4] !== "-" || text[7] !== "-" || text[13] !== ":" || text[16] !== ":" ||
    (separator !== "T" && separator !== "t" && separator !== " ") ||
    month < 1 || month > 12 || day < 1 ||
    day > (month === 2 && isLeapYear(year) ? 29 : monthDays[month - 1]!) ||
    hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60
  ) return undefined
  let i = 19
  let millis = 0
  if (text[i] === ".") {
    const start = ++i
    while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++
    if (i === start) return undefined
    millis = digitsAt((text.slice(start, Math.min(i, start + 3)) + "00").slice(0, 3), 0, 3)
  }
  let offsetMinutes = 0
  const zone = text[i]
  if (zone === "Z" || zone === "z") {
    if (i + 1 !== text.length) return undefined
  } else if (zone === "+" || zone === "-") {
    const offsetHour = digitsAt(text, i + 1, 2)
    const offsetMinute = digitsAt(text, i + 4, 2)
    if (
      i + 6 !== text.length || text[i + 3] !== ":" || offsetHour < 0 || offsetHour > 23 || offsetMinute < 0 ||
      offsetMinute > 59
    ) return undefined
    offsetMinutes = (zone === "+" ? 1 : -1) * (offsetHour * 60 + offsetMinute)
  } else {
    return undefined
  }
  // Date.UTC reads years 0 to 99 as 1900 to 1999; setUTCFullYear does not
  const midnight = year < 100 ? new Date(0).setUTCFullYear(year, month - 1, day) : Date.UTC(year, month - 1, day)
  const epoch = midnight + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis
  return Number.isFinite(epoch) ? epoch : undefined
}
