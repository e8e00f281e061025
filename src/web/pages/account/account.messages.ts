import { defineMessages } from '../../i18n/language';

export const accountMessages = defineMessages(
  {
    signInTitle: 'Đăng nhập',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    signIn: 'Đăng nhập',
    usernameRequired: 'Nhập tên đăng nhập',
    passwordRequired: 'Nhập mật khẩu',
    changePasswordTitle: 'Đổi mật khẩu',
    mustChangeNotice:
      'Tài khoản của bạn đang dùng mật khẩu tạm thời do quản trị viên cấp. Hãy đặt mật khẩu mới để tiếp tục.',
    currentPassword: 'Mật khẩu hiện tại',
    newPassword: 'Mật khẩu mới',
    confirmPassword: 'Nhập lại mật khẩu mới',
    passwordRule:
      'Ít nhất 12 ký tự. Nên dùng một cụm vài từ chỉ bạn nghĩ ra, có thể có dấu tiếng Việt. ' +
      'Tránh tên, ngày sinh, tên đăng nhập, tên đơn vị và những mật khẩu quen thuộc như "matkhau" hay "123456".',
    passwordsDiffer: 'Hai mật khẩu mới không khớp',
    passwordTooShort: 'Mật khẩu mới cần ít nhất 12 ký tự',
    save: 'Lưu mật khẩu mới',
    changed: 'Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã bị đăng xuất.',
  },
  {
    signInTitle: 'Sign in',
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    usernameRequired: 'Enter your username',
    passwordRequired: 'Enter your password',
    changePasswordTitle: 'Change password',
    mustChangeNotice:
      'Your account uses a temporary password an administrator gave you. Choose a new password to continue.',
    currentPassword: 'Current password',
    newPassword: 'New password',
    confirmPassword: 'New password again',
    passwordRule:
      'At least 12 characters. A phrase of a few words only you would think of works best, and ' +
      'may have Vietnamese tone marks. Avoid names, birthdays, your username, your unit’s name and ' +
      'familiar passwords such as "matkhau" or "123456".',
    passwordsDiffer: 'The two new passwords differ',
    passwordTooShort: 'The new password needs at least 12 characters',
    save: 'Save the new password',
    changed: 'Password changed. Your other sessions have been signed out.',
  },
);
