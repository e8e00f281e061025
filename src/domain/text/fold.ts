/**
 * Folds Vietnamese text for search: lower case, no tone marks or other diacritics, đ → d.
 * "Trần Xuân Lâm" and "tran xuan lam" fold to the same key. Display names are never folded; only
 * the search column is.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Names are stored exactly as given, but in one Unicode form (NFC), with spaces tidied. */
export function normaliseName(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}
