import type { Language } from '../domain/localized';

/**
 * The name of an output's file in a language: its Vietnamese name, with `.en` before the extension
 * for the English rendering, so that the two files of one document sort together and each name
 * says which one it is.
 */
export function fileNameIn(language: Language, fileName: string): string {
  if (language === 'vi') return fileName;
  const dot = fileName.lastIndexOf('.');
  return `${fileName.slice(0, dot)}.${language}${fileName.slice(dot)}`;
}
