// Smoke: the workbench comes up on the fixture workspace with the extension loaded, and a
// workspace file opens in an editor through Quick Open.
'use strict';

const assert = require('node:assert/strict');
const { openFile, activeEditorTitle, editorText, errorNotifications, screenshot } = require('./harness');

module.exports = async function smoke({ page }) {
  await openFile(page, 'report.md');
  assert.equal(await activeEditorTitle(page), 'report.md');
  const text = await editorText(page);
  assert.match(text, /Campaign report/);
  assert.match(text, /x\.com\/northwindcoffee\/status\/\d{15,20}/);
  await screenshot(page, 'smoke-report-md');
  assert.deepEqual(await errorNotifications(page), [], 'error notifications are shown');
};
