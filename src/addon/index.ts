/**
 * Every Apps Script entry point of the add-on. build.mjs turns each export into a top-level function
 * declaration of dist/Code.js that delegates here, so this file is the one list of them.
 */
export { apiGetSettings, apiListPresets, apiSaveSettings } from './endpoints';
export { menuAbout, menuCatalogue, menuCheckSchools, menuClearColouring, menuIndicators, menuReport, menuSettings } from './handlers';
export { onInstall, onOpen } from './menu';
export { apiCreateRoadmaps, apiRoadmapProposals, apiRoadmapStart, apiShowSheet, menuRoadmap } from './roadmap';
export { menuImportSchools, menuProtect, menuSetup } from './district';
export {
  apiActivityForm,
  apiActivityFromSelection,
  apiRoadmapBlocks,
  apiSaveActivity,
  apiTermDates,
  menuAddActivity,
  menuEditActivity,
} from './activity';
export { apiCompareChoices, apiCompareCriteria } from './endpoints';
export { apiBuildIndicators, menuCard, menuCompare } from './handlers';
export { apiUploadCheck, apiUploadResults, menuUpload } from './upload';
export { menuEffect, menuMonitor, menuReminders } from './monitor';
export { apiAbout } from './about';
