// First-paint entry: render the shell. Everything heavier is imported lazily by the screens.
import { render } from 'preact';
import { App } from './App.tsx';

const root = document.getElementById('app');
if (root) render(<App />, root);
