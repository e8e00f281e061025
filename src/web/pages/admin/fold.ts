/**
 * Text for a search that ignores case and diacritics, like the server's foldForSearch: "Đặng Văn
 * Ơn" and "dang van on" are the same. Used only to filter lists already on the page (the unit
 * tree); the people search is the server's.
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
