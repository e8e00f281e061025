import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Database } from '../persistence/database';
import { DOCUMENT_RENDERS_REPOSITORY } from '../persistence/repositories/document-renders.repository';
import { SqlDocumentRendersRepository } from '../persistence/repositories/sql-document-renders.repository';
import { DocumentRenderer } from './document-renderer';
import { DocumentTemplates } from './document-templates';
import { loadTemplates } from './template-files';
import { TemplatesController } from './templates.controller';
import { TemplatesService } from './templates.service';

/**
 * Official documents by template. Loads and checks every template at start-up (a bad file and the
 * server refuses to start); DocumentRenderer is global, for the features that print documents.
 */
@Global()
@Module({
  controllers: [TemplatesController],
  providers: [
    {
      provide: DocumentTemplates,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new DocumentTemplates(loadTemplates(config.templatesDir)),
    },
    {
      provide: DOCUMENT_RENDERS_REPOSITORY,
      inject: [Database],
      useFactory: (database: Database) => new SqlDocumentRendersRepository(database),
    },
    DocumentRenderer,
    TemplatesService,
  ],
  exports: [DocumentRenderer, DocumentTemplates],
})
export class DocumentsModule {}
