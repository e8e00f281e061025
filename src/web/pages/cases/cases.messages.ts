import { defineMessages } from '../../i18n/language';

export const casesMessages = defineMessages(
  {
    myWorkTitle: 'Việc của tôi',
    myWorkIntro: 'Các hồ sơ đang chờ bạn thực hiện một thao tác.',
    myWorkTable: 'Hồ sơ đang chờ bạn xử lý',
    myWorkEmpty: 'Không có hồ sơ nào đang chờ bạn',
    casesTitle: 'Hồ sơ',
    casesIntro: 'Tất cả hồ sơ thuộc phạm vi bạn được xem.',
    casesTable: 'Danh sách hồ sơ',
    casesEmpty: 'Không có hồ sơ nào phù hợp với bộ lọc',
    backToList: 'Về danh sách hồ sơ',
    backToMyWork: 'Về việc của tôi',
  },
  {
    myWorkTitle: 'My work',
    myWorkIntro: 'The cases waiting for an action of yours.',
    myWorkTable: 'Cases waiting for you',
    myWorkEmpty: 'No case is waiting for you',
    casesTitle: 'Cases',
    casesIntro: 'Every case within your scope.',
    casesTable: 'Cases',
    casesEmpty: 'No case matches the filters',
    backToList: 'Back to the cases',
    backToMyWork: 'Back to my work',
  },
);
