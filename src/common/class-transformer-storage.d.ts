/**
 * class-transformer keeps its `@Type` metadata in a storage its package ships as a separate file
 * without a declaration beside it; the declaration it ships under types/ describes it.
 */
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
