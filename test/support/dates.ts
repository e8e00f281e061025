/**
 * Today in Việt Nam, as the server counts legal dates (a decision signed "today" after 17:00 UTC
 * is already tomorrow there, and a council that met today met on that day).
 */
export const todayInVietnam = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
