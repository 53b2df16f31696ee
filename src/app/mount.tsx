// Renders the shell into the page. Everything heavier than the first screens is imported lazily.
// On a cold start the service worker may have put the screen's last look in place of #app
// (screen-copy.ts): the app then draws itself off the page and takes the copy's place once its
// first screen is shown.
import { render } from 'preact';
import { formatterWarmers } from '../domain/format.ts';
import { App } from './App.tsx';
import { contentLanguage, storedLanguage } from './i18n/index.ts';
import { onFirstScreen } from './shell/first-screen.ts';
import { appRoot, swapInScreenCopy } from './shell/screen-copy.ts';

const root = appRoot();
if (root) {
  render(<App />, root);
  onFirstScreen(() => swapInScreenCopy(root));
  for (const warm of formatterWarmers(contentLanguage(storedLanguage()))) setTimeout(warm);
}
