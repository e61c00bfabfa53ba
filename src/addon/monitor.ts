/** «Мониторинг дорожных карт», «Напоминания о просроченных мероприятиях…» and «Эффективность программы» in Sheets. */
import { EFFECT_SHEET, writeEffect } from '../actions/effect';
import { MONITOR_SHEET, overdueReminders, writeMonitor } from '../actions/monitor';
import type { Reminder } from '../core/monitor';
import { formatIsoDate } from '../core/roadmap-sheet';
import { districtWorkbook } from './audit';
import { runOnResultSheet } from './handlers';
import { alert } from './ui';

const MONITOR_ACTION = 'Мониторинг дорожных карт';
const REMINDERS_ACTION = 'Напоминания о просроченных мероприятиях';
const EFFECT_ACTION = 'Эффективность программы';

function district(action: string) {
  const got = districtWorkbook(action);
  if ('refusal' in got) {
    alert(got.refusal);
    return null;
  }
  return got.wb;
}

/**
 * When the results or the criteria changed since the check, the ШНОР without a roadmap would come from
 * other data than «ШНОР: итоги»: asked Да/Нет first, as the справка does (runOnResultSheet).
 */
export function menuMonitor(): void {
  const wb = district(MONITOR_ACTION);
  if (!wb) return;
  const out = runOnResultSheet(wb, (sheet, stale) => writeMonitor(wb, { sheet, stale }));
  if (!out) return;
  alert(
    `${out.message}\nСтроки можно сортировать и отбирать кнопками фильтра; чтобы обновить вкладку «${MONITOR_SHEET}», выберите пункт меню ещё раз.`,
  );
}

export function menuEffect(): void {
  const wb = district(EFFECT_ACTION);
  if (!wb) return;
  const out = runOnResultSheet(wb, (sheet, stale) => writeEffect(wb, { sheet, stale }));
  if (out) alert(`${out.message}\nПодробности — на вкладке «${EFFECT_SHEET}».`);
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * The reminders as a dialog page: a choice of one school or all, and per school the addresses, the subject
 * and the text in a read-only box with a «Скопировать» button. Nothing is sent: the methodologist pastes
 * the text into the office's own mail (see README: why the add-on does not send e-mail).
 */
export function remindersHtml(reminders: readonly Reminder[], today: string): string {
  const options = reminders.map((r, i) => `<option value="${i}">${escapeHtml(r.ownerName || r.owner)}</option>`).join('');
  const items = reminders
    .map(
      (r, i) =>
        `<section data-i="${i}"><h3>${escapeHtml(r.ownerName || r.owner)}</h3>` +
        `<p class="to">Кому: ${r.emails.length ? escapeHtml(r.emails.join(', ')) : 'адреса школы нет в реестре «Школы» (столбец «Эл. почта ответственных»)'}</p>` +
        `<p class="to">Тема: ${escapeHtml(r.subject)}</p>` +
        `<textarea readonly rows="10">${escapeHtml(r.text)}</textarea>` +
        `<button type="button" data-copy="${i}">Скопировать текст</button> <span class="ok" id="ok${i}"></span></section>`,
    )
    .join('');
  const body =
    reminders.length === 0
      ? `<p>На ${formatIsoDate(today)} просроченных мероприятий в дорожных картах нет — напоминать некому.</p>`
      : `<p>Просроченные мероприятия на ${formatIsoDate(today)} есть в ${reminders.length} дорожн${reminders.length === 1 ? 'ой карте' : 'ых картах'}. ` +
        'Скопируйте текст и отправьте его со служебной почты управления.</p>' +
        `<label>Школа: <select id="who"><option value="all">все (${reminders.length})</option>${options}</select></label>${items}`;
  return (
    '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><style>' +
    'body{font:13px Arial,sans-serif;margin:8px}h3{margin:14px 0 4px;font-size:14px}.to{margin:2px 0;color:#3c4043}' +
    'textarea{width:100%;box-sizing:border-box;font:13px Arial,sans-serif;white-space:pre-wrap}.ok{color:#188038}' +
    'button{margin-top:4px}select{max-width:100%}' +
    '.bar{position:sticky;bottom:0;background:#fff;border-top:1px solid #dadce0;padding:8px 0;margin-top:12px}' +
    '.bar button{font:inherit;padding:6px 14px;border-radius:4px;border:1px solid #1a73e8;background:#1a73e8;color:#fff;cursor:pointer}' +
    '</style></head><body>' +
    body +
    // A button that says what it does, always in view under the texts (not only the «×» of the title bar).
    '<div class="bar"><button type="button" id="close" onclick="google.script.host.close()">Закрыть</button></div>' +
    '<script>' +
    "var who=document.getElementById('who');" +
    "if(who)who.addEventListener('change',function(){document.querySelectorAll('section').forEach(function(s){s.style.display=who.value==='all'||who.value===s.getAttribute('data-i')?'':'none';});});" +
    "document.querySelectorAll('button[data-copy]').forEach(function(b){b.addEventListener('click',function(){var i=b.getAttribute('data-copy');" +
    "var t=document.querySelector('section[data-i=\"'+i+'\"] textarea');t.focus();t.select();var ok=false;try{ok=document.execCommand('copy');}catch(e){ok=false;}" +
    "document.getElementById('ok'+i).textContent=ok?'Скопировано':'Выделено: нажмите Ctrl+C';});});" +
    '</script></body></html>'
  );
}

/** Read only: no lock, nothing written. */
export function menuReminders(): void {
  const wb = district(REMINDERS_ACTION);
  if (!wb) return;
  const { reminders, today } = overdueReminders(wb);
  const html = HtmlService.createHtmlOutput(remindersHtml(reminders, today)).setWidth(640).setHeight(560);
  SpreadsheetApp.getUi().showModalDialog(html, 'ШНОР — напоминания о просроченных мероприятиях');
}
