import { useLoad } from '../../components/useLoad';
import { useCodeLabel } from '../../components/case/labels';
import { useLocalize } from '../../i18n/language';
import { loadViolationCategories } from './api';

/** A violation category by its catalogue name; v3's 'traffic' and 'other' by their own labels. */
export function ViolationCategoryName({ code }: { code: string }) {
  const localize = useLocalize();
  const codeLabel = useCodeLabel();
  const categories = useLoad(loadViolationCategories, 'violation-categories');
  const found = categories.data?.items.find((item) => item.code === code);
  return <>{found ? localize(found.name) : codeLabel('enum', code)}</>;
}
