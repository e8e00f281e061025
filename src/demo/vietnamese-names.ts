/**
 * Common Vietnamese family, middle and given names, for demo and test data: together they cover
 * every letter with a diacritic that search must fold (ă â đ ê ô ơ ư and the five tone marks).
 */
export const FAMILY_NAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
export const MIDDLE_NAMES = [
  'Văn',
  'Thị',
  'Hữu',
  'Đức',
  'Minh',
  'Thanh',
  'Quốc',
  'Ngọc',
  'Xuân',
  'Thu',
  'Công',
  'Bảo',
];
export const GIVEN_NAMES = [
  'An',
  'Ánh',
  'Bình',
  'Cường',
  'Dũng',
  'Đạt',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hiếu',
  'Hoà',
  'Hùng',
  'Hương',
  'Khánh',
  'Lâm',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Mười',
  'Nam',
  'Nga',
  'Ngân',
  'Nhung',
  'Ơn',
  'Phúc',
  'Phương',
  'Quân',
  'Quỳnh',
  'Sơn',
  'Tâm',
  'Thảo',
  'Thắng',
  'Thư',
  'Trang',
  'Trung',
  'Tú',
  'Tuấn',
  'Ưng',
  'Việt',
  'Yến',
  'Ỷ Lan',
];

/** A full name, different for every `index` below 16 × 12 × 43 = 8,256 (then repeating). */
export function vietnameseName(index: number): string {
  const family = FAMILY_NAMES[index % FAMILY_NAMES.length];
  const middle = MIDDLE_NAMES[Math.floor(index / FAMILY_NAMES.length) % MIDDLE_NAMES.length];
  const given =
    GIVEN_NAMES[
      Math.floor(index / (FAMILY_NAMES.length * MIDDLE_NAMES.length)) % GIVEN_NAMES.length
    ];
  return `${family} ${middle} ${given}`;
}
