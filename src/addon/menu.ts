/** The «ШНОР» menu: built by onOpen, which may run without authorisation, so it does nothing else. */

export interface MenuItem {
  title: string;
  /** Name of the top-level function the item calls; build.mjs emits one for every export of addon/index.ts. */
  handler: string;
}

export const MENU: ReadonlyArray<MenuItem | 'separator'> = [
  { title: 'Загрузить выгрузки…', handler: 'menuUpload' },
  { title: 'Проверить школы по критериям', handler: 'menuCheckSchools' },
  { title: 'Снять раскраску', handler: 'menuClearColouring' },
  { title: 'Построить вкладку показателей', handler: 'menuIndicators' },
  { title: 'Аналитическая справка', handler: 'menuReport' },
  { title: 'Сравнить критерии…', handler: 'menuCompare' },
  { title: 'Карточка ОО', handler: 'menuCard' },
  'separator',
  { title: 'Создать дорожную карту…', handler: 'menuRoadmap' },
  { title: 'Добавить мероприятие…', handler: 'menuAddActivity' },
  { title: 'Изменить мероприятие…', handler: 'menuEditActivity' },
  { title: 'Справочник мероприятий', handler: 'menuCatalogue' },
  { title: 'Мониторинг дорожных карт', handler: 'menuMonitor' },
  { title: 'Напоминания о просроченных мероприятиях…', handler: 'menuReminders' },
  { title: 'Эффективность программы', handler: 'menuEffect' },
  'separator',
  { title: 'Подготовить рабочую книгу района', handler: 'menuSetup' },
  { title: 'Заполнить реестр школ из результатов…', handler: 'menuImportSchools' },
  { title: 'Обновить защиту листов', handler: 'menuProtect' },
  { title: 'Настройки критериев…', handler: 'menuSettings' },
  'separator',
  { title: 'О надстройке', handler: 'menuAbout' },
];

export function onOpen(_e?: unknown): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU) {
    if (item === 'separator') menu.addSeparator();
    else menu.addItem(item.title, item.handler);
  }
  menu.addToUi();
}

export function onInstall(e?: unknown): void {
  onOpen(e);
}
