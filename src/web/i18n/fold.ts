/**
 * Text for a search that ignores case and diacritics, like the server's foldForSearch: "Đặng Văn
 * Ơn" and "dang van on" are the same. Only for lists already on the page (the unit tree, the
 * pickers' options); a search over the whole register is the server's.
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
