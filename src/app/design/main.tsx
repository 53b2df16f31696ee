// Entry of the dev-only /_design page (src/app/_design.html): the shell's texts plus the story's (the
// timeline's), then the page.
import { render } from 'preact';
import '../i18n/story-messages.ts';
import { DesignPage } from './DesignPage.tsx';

const root = document.getElementById('app');
if (root) render(<DesignPage />, root);
