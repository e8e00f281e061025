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

/** Whether every word typed appears in the (folded) text, in any order: "chien si co so". */
export function matchesWords(foldedText: string, input: string): boolean {
  return fold(input)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => foldedText.includes(word));
}

/**
 * A Select's search over its options' `prop` (their label, as a rule) that ignores case and
 * diacritics as every search here does: "ha noi" finds "Hà Nội". antd's own filter compares the
 * text as typed, so "ha noi" found nothing and a name typed in decomposed form (NFD) neither.
 */
export function foldedSearch(prop = 'label') {
  return {
    filterOption: (input: string, option?: object) => {
      const text = (option as Record<string, unknown> | undefined)?.[prop];
      return matchesWords(fold(typeof text === 'string' ? text : ''), input);
    },
  };
}
