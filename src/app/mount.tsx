// Renders the shell into the page. Everything heavier than the first screens is imported lazily.
// On a cold start the service worker may have put the screen's last look beside a hidden #app
// (screen-copy.ts): the app draws itself there and takes the copy's place once its screen is shown.
import { render } from 'preact';
import { App } from './App.tsx';
import { onFirstScreen } from './shell/first-screen.ts';
import { swapInScreenCopy } from './shell/screen-copy.ts';

const root = document.getElementById('app');
if (root) render(<App />, root);
onFirstScreen(() => swapInScreenCopy());
