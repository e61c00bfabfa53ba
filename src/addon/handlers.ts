/** What the menu items do in Sheets. */
import { showSidebar } from './ui';

export function menuAbout(): void {
  showSidebar('about');
}
