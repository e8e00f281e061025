import type { ColumnSpec } from './import-vocabulary';

/**
 * The words of an annual-ratings file, in English and in the Vietnamese of the lists an office
 * keeps after its year-end review ("danh sách xếp loại chất lượng"). Compared after `lookupKey`.
 */

export const RATING_FIELDS = ['personCode', 'unitCode', 'year', 'rating', 'basis'] as const;
export type RatingField = (typeof RATING_FIELDS)[number];

/** A row rates a person or a unit, so neither code column is required on its own. */
export const RATING_COLUMNS: readonly ColumnSpec<RatingField>[] = [
  {
    field: 'personCode',
    required: false,
    labelVi: 'Mã cán bộ',
    aliases: ['Mã CB', 'Mã cá nhân', 'person code', 'person'],
  },
  {
    field: 'unitCode',
    required: false,
    labelVi: 'Mã đơn vị',
    aliases: ['Mã tập thể', 'unit code', 'unit'],
  },
  { field: 'year', required: true, labelVi: 'Năm', aliases: ['Năm xếp loại', 'year'] },
  {
    field: 'rating',
    required: true,
    labelVi: 'Xếp loại',
    aliases: ['Mức xếp loại', 'Xếp loại chất lượng', 'Kết quả xếp loại', 'rating'],
  },
  {
    field: 'basis',
    required: true,
    labelVi: 'Căn cứ',
    aliases: ['Căn cứ xếp loại', 'Quyết định / biên bản', 'basis'],
  },
];
