import type { DocumentFormat, DocumentKind } from './document-kinds';
import type { LoadedTemplate } from './template-files';

/** The templates the server started with (loaded and checked once, see template-files.ts). */
export class DocumentTemplates {
  private readonly byKey: ReadonlyMap<string, LoadedTemplate>;

  constructor(templates: readonly LoadedTemplate[]) {
    this.byKey = new Map(
      templates.map((loaded) => [key(loaded.template.kind, loaded.template.format), loaded]),
    );
  }

  get(kind: DocumentKind, format: DocumentFormat): LoadedTemplate {
    const loaded = this.byKey.get(key(kind, format));
    // Start-up refuses a folder missing any template, so this is a programming error.
    if (loaded === undefined) throw new Error(`no template ${kind}.${format}`);
    return loaded;
  }

  all(): LoadedTemplate[] {
    return [...this.byKey.values()];
  }
}

function key(kind: DocumentKind, format: DocumentFormat): string {
  return `${kind}.${format}`;
}
