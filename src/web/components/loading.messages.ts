import { defineMessages } from '../i18n/language';

export const loadingMessages = defineMessages({ loading: 'Đang tải…' }, { loading: 'Loading…' });
