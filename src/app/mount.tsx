// Renders the shell into the page. Everything heavier than the first screens is imported lazily.
import { render } from 'preact';
import { App } from './App.tsx';

const root = document.getElementById('app');
if (root) render(<App />, root);
