import { Injectable } from '@nestjs/common';
import { basename } from 'node:path';
import type { DocumentFormat, DocumentKind, RenderedDocument } from './document-kinds';
import { DocumentRenderer } from './document-renderer';
import { DocumentTemplates } from './document-templates';
import { sampleDocument } from './sample-documents';
import type { TemplateListDto } from './dto/templates.dto';

/** The templates the server runs with, and each rendered with sample data (a preview). */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly templates: DocumentTemplates,
    private readonly renderer: DocumentRenderer,
  ) {}

  list(): TemplateListDto {
    return {
      items: this.templates.all().map(({ template, source, sha256 }) => ({
        kind: template.kind,
        format: template.format,
        version: template.version,
        description: template.description,
        source: template.source,
        file: basename(source),
        sha256,
        previewUrl: `/api/v1/templates/${template.kind}/${template.format}/preview.pdf`,
      })),
    };
  }

  /** Rendered like any document (a worker thread, cached): an edited file previews anew on restart. */
  preview(kind: DocumentKind, format: DocumentFormat): Promise<RenderedDocument> {
    return this.renderer.render(kind, sampleDocument(kind, format));
  }
}
