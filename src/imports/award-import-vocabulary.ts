import type { HistoricalAwardStatus } from '../persistence/repositories/historical-awards.repository';
import type { ColumnSpec } from './import-vocabulary';

/**
 * The words of a past-awards file (the awards' counterpart of import-vocabulary.ts), in English and
 * in the Vietnamese that commendation offices write in their registers ("sổ theo dõi khen
 * thưởng"). Compared after `lookupKey`, so case, tone marks and punctuation do not matter.
 */

export const AWARD_FIELDS = [
  'personCode',
  'unitCode',
  'award',
  'year',
  'status',
  'decisionNumber',
  'decidedOn',
  'revokedOn',
  'note',
] as const;
export type AwardField = (typeof AWARD_FIELDS)[number];

/** A row names a person or a unit, so neither code column is required on its own. */
export const AWARD_COLUMNS: readonly ColumnSpec<AwardField>[] = [
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
  {
    field: 'award',
    required: true,
    labelVi: 'Danh hiệu / hình thức',
    aliases: [
      'Mã danh hiệu',
      'Mã hình thức',
      'Danh hiệu',
      'Danh hiệu thi đua',
      'Hình thức',
      'Hình thức khen thưởng',
      'Khen thưởng',
      'award code',
    ],
  },
  {
    field: 'year',
    required: true,
    labelVi: 'Năm',
    aliases: ['Năm đạt', 'Năm công nhận', 'Năm khen thưởng'],
  },
  { field: 'status', required: false, labelVi: 'Tình trạng', aliases: ['Trạng thái'] },
  {
    field: 'decisionNumber',
    required: false,
    labelVi: 'Số quyết định',
    aliases: ['Số QĐ', 'Quyết định', 'decision number', 'decision'],
  },
  {
    field: 'decidedOn',
    required: false,
    labelVi: 'Ngày quyết định',
    aliases: ['Ngày QĐ', 'Ngày ký', 'decision date'],
  },
  {
    field: 'revokedOn',
    required: false,
    labelVi: 'Ngày thu hồi',
    aliases: ['Ngày hủy bỏ', 'revocation date'],
  },
  { field: 'note', required: false, labelVi: 'Ghi chú', aliases: ['notes'] },
];

/**
 * Law 06/2022 Art 93 speaks of cancelling ("hủy bỏ") a decision and taking back ("thu hồi") what it
 * gave; registers write either.
 */
export const AWARD_STATUS_LABELS: Readonly<Record<string, HistoricalAwardStatus>> = {
  'Đã trao': 'granted',
  'Được khen': 'granted',
  'Được công nhận': 'granted',
  'Công nhận': 'granted',
  'Thu hồi': 'revoked',
  'Đã thu hồi': 'revoked',
  'Bị thu hồi': 'revoked',
  'Hủy bỏ': 'revoked',
  'Đã hủy bỏ': 'revoked',
};
